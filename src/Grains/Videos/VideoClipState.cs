namespace AiStudio.Videos;

[GenerateSerializer]
public sealed class VideoClipState
{
    [Id(0)] public VideoClipSetup? Setup { get; set; }
    [Id(1)] public ClipStatus Status { get; set; }
    [Id(2)] public string? ClipKey { get; set; }
    [Id(3)] public string? ErrorMessage { get; set; }

    /// <summary>The project run the clip last worked for; its reports carry it so a project can tell stale ones.</summary>
    [Id(4)] public int Run { get; set; }

    /// <summary>Bumped each time the clip starts generating, so each attempt is a new provider job.</summary>
    [Id(5)] public int Attempt { get; set; }

    /// <summary>The provider's task of the current attempt, recorded before anything waits on it.</summary>
    [Id(6)] public string? ProviderTaskId { get; set; }

    /// <summary>When the provider accepted the current attempt's task (not when it waited for a slot, or was refused for concurrency): the clip timeout counts from here.</summary>
    [Id(7)] public DateTimeOffset? AcceptedAt { get; set; }

    [Id(8)] public DateTimeOffset UpdatedAt { get; set; }
}
