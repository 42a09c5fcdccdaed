namespace AiStudio.Videos;

/// <summary>The JSON <c>output</c> of a VideoStatus: absolute signed URLs and the probed length in seconds.</summary>
public sealed record VideoOutputDocument(string VideoUrl, string ThumbnailUrl, double Duration);
