namespace AiStudio.Images;

/// <summary>The edit-history side of an image grain: the root version numbers the versions; a new version is seeded by the image it edits.</summary>
[Alias("AiStudio.Images.IImageLineage")]
public interface IImageLineage : IGrainWithStringKey
{
    /// <summary>On a root: the version number of <paramref name="imageId"/>, assigned highest + 1 on first ask.</summary>
    [Alias("ReserveVersion")]
    Task<int> ReserveVersionAsync(string imageId);

    /// <summary>On a root: the IDs of every version, ordered by version.</summary>
    [Alias("GetVersionIds")]
    Task<IReadOnlyList<string>> GetVersionIdsAsync();

    /// <summary>On a new key: becomes the edit described by <paramref name="seed"/>, pending, with processing queued.</summary>
    [Alias("InitializeEdit")]
    Task<ImageGeneration> InitializeEditAsync(EditSeed seed);
}
