namespace AiStudio.Images.Providers;

/// <summary>
/// One job for an image provider. <see cref="JobKey"/> is the caller's idempotency key: submitting the same key again
/// answers the same task id and starts nothing new. <see cref="MaskPath"/> is the prepared mask (a PNG of exactly the
/// source's size, white where to inpaint), required for inpaint jobs.
/// </summary>
public sealed record ImageJobRequest(string JobKey, ImageJobKind Kind, string SourcePath, string? MaskPath, string Prompt);
