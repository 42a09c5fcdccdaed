using Orleans.Concurrency;

namespace AiStudio.Images;

/// <summary>
/// One ImageGeneration (key: <c>img_…</c>). Owns its lifecycle, its edit lineage (the root version keeps the
/// list of all versions) and the record of processing work in flight.
/// </summary>
[Alias("AiStudio.Images.IImageGenerationGrain")]
public interface IImageGenerationGrain : IGrainWithStringKey
{
    /// <summary>The record, or null when no image was created under this key. Answers even while another call is in flight.</summary>
    [Alias("Get"), AlwaysInterleave]
    Task<ImageGeneration?> GetAsync();

    /// <summary>Creates version 1 as pending and queues processing at once. Repeating the same call returns the same record.</summary>
    [Alias("Create")]
    Task<ImageGeneration> CreateAsync(NewImage request);

    /// <summary>Creates a new version from this completed image; rejects edits of failed or unfinished images.</summary>
    [Alias("CreateEdit")]
    Task<ImageGeneration> CreateEditAsync(ImageEdit edit);

    /// <summary>failed -> pending again, processing queued; any other status is rejected.</summary>
    [Alias("Retry")]
    Task<ImageGeneration> RetryAsync();

    /// <summary>
    /// pending or processing -> failed with "Canceled", and the provider's task in flight is canceled too; completed and
    /// failed images are rejected.
    /// </summary>
    [Alias("Cancel")]
    Task<ImageGeneration> CancelAsync();

    /// <summary>Every version of this image's root, ordered by version.</summary>
    [Alias("GetVersions")]
    Task<IReadOnlyList<ImageGeneration>> GetVersionsAsync();
}
