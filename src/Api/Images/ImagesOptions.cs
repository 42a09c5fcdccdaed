using System.ComponentModel.DataAnnotations;

namespace AiStudio.Images;

/// <summary>Limits on accepted images and prompts (configuration section <c>Images</c>).</summary>
public sealed class ImagesOptions
{
    public const string SectionName = "Images";

    [Range(1024, 512L * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Width times height, checked from the headers before anything decodes the image.</summary>
    [Range(1, 1_000_000_000)]
    public long MaxPixels { get; set; } = 40_000_000;

    [Range(1, 100_000)]
    public int MaxPromptLength { get; set; } = 2000;

    /// <summary>A JSON body may carry a base64 mask as large as an upload.</summary>
    public long MaxJsonBodyBytes => MaxUploadBytes / 3 * 4 + 64 * 1024;
}
