namespace AiStudio.Storage;

/// <summary>
/// Where source and result media live, addressed by keys like <c>ws/{workspace}/images/{imageId}/original.jpg</c>.
/// Writes are atomic: a reader sees the whole object or nothing.
/// </summary>
public interface IBlobStore
{
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Publishes an existing local file under <paramref name="key"/> (moved when on the same volume).</summary>
    Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken = default);

    /// <summary>Opens the object for reading, or null when it does not exist.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>A local path for tools such as FFmpeg, or null when the object does not exist.</summary>
    string? TryGetLocalPath(string key);

    Task DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes every object whose key starts with <paramref name="prefix"/>.</summary>
    Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default);
}
