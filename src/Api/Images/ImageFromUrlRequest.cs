namespace AiStudio.Images;

/// <summary>The JSON form of an upload: the server fetches <see cref="ImageUrl"/> itself.</summary>
public sealed record ImageFromUrlRequest(string? ImageUrl, string? Prompt);
