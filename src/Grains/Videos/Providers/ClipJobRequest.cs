namespace AiStudio.Videos.Providers;

/// <summary>
/// A clip of <see cref="DurationSeconds"/> (one of <see cref="VideoRequestRules.ClipDurations"/>) animated from the image
/// at <see cref="SourceImagePath"/>, in <see cref="AspectRatio"/> (one of <see cref="VideoAspectRatios.All"/>).
/// <see cref="JobKey"/> makes the submit idempotent.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ClipJobRequest(
    [property: Id(0)] string JobKey,
    [property: Id(1)] string SourceImagePath,
    [property: Id(2)] string Prompt,
    [property: Id(3)] int DurationSeconds,
    [property: Id(4)] string AspectRatio);
