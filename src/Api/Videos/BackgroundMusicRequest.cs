namespace AiStudio.Videos;

public sealed record BackgroundMusicRequest(string? Url, double? Volume);
