namespace AiStudio.Videos;

/// <summary>One requested clip: from an image of the workspace (<see cref="ImageId"/>) or from a URL, never both.</summary>
public sealed record VideoClipRequest(string? ImageId, string? ImageUrl, string? Prompt, int? DurationSeconds);
