namespace AiStudio.Videos;

/// <summary>One clip or transition as its project sees it: what it is, what it costs, and its last reported state.</summary>
[GenerateSerializer]
public sealed class VideoSegment
{
    [Id(0)] public string ClipId { get; set; } = "";
    [Id(1)] public int SequenceOrder { get; set; }
    [Id(2)] public ClipKind Kind { get; set; }
    [Id(3)] public string? SourceImageKey { get; set; }
    [Id(4)] public string? Prompt { get; set; }
    [Id(5)] public int DurationSeconds { get; set; }

    /// <summary>Its price from the table at creation, counted in the actual cost once it completed.</summary>
    [Id(6)] public int PriceCents { get; set; }

    [Id(7)] public ClipStatus Status { get; set; }
    [Id(8)] public string? ClipKey { get; set; }
    [Id(9)] public string? ErrorMessage { get; set; }
}
