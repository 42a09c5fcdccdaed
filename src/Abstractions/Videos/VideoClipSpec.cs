namespace AiStudio.Videos;

/// <summary>
/// One requested clip. The API has already resolved its source: the result of an image's latest completed version
/// (<see cref="SourceImageId"/> names it) or an image fetched from a URL, stored under <see cref="SourceImageKey"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record VideoClipSpec(
    [property: Id(0)] string SourceImageKey,
    [property: Id(1)] string? SourceImageId,
    [property: Id(2)] string Prompt,
    [property: Id(3)] int DurationSeconds);
