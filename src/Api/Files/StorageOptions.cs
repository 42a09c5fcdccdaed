using System.ComponentModel.DataAnnotations;

namespace AiStudio.Files;

/// <summary>Where media lives and how links to it are signed (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    [Required]
    public string Root { get; set; } = ".data/media";

    /// <summary>The HMAC key of file links; shared by every API instance so their links verify everywhere.</summary>
    [Required(ErrorMessage = "Storage:SigningKey is required: set it to a random secret of at least 16 characters.")]
    [MinLength(16, ErrorMessage = "Storage:SigningKey must be at least 16 characters.")]
    public string SigningKey { get; set; } = "";

    /// <summary>How long a file link stays valid at least (links are rounded up to the hour so responses stay stable).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(24);
}
