namespace AiStudio.Providers;

/// <summary>The output of a finished provider task, read once by the caller into its blob store; disposing it closes the content.</summary>
public sealed class ProviderResult(Stream content, string fileExtension) : IAsyncDisposable
{
    public Stream Content { get; } = content;

    /// <summary>The extension the stored file takes, with its dot, e.g. <c>.png</c> or <c>.mp4</c>.</summary>
    public string FileExtension { get; } = fileExtension;

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
