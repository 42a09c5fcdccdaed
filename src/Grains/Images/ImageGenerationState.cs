namespace AiStudio.Images;

[GenerateSerializer]
public sealed class ImageGenerationState
{
    [Id(0)] public ImageGeneration? Record { get; set; }

    /// <summary>On a root image: every version's ID, in version order (the root itself first).</summary>
    [Id(1)] public List<string> VersionIds { get; set; } = [];

    [Id(2)] public ImageOperation Operation { get; set; }
    [Id(3)] public string? MaskKey { get; set; }

    /// <summary>Bumped by each retry so a new attempt gets a new provider job.</summary>
    [Id(4)] public int Attempt { get; set; } = 1;

    [Id(5)] public string? ProviderTaskId { get; set; }
    /// <summary>When the provider accepted the current attempt's task: its processing time-out counts from here, not from waiting for a slot.</summary>
    [Id(6)] public DateTimeOffset? ProviderAcceptedAt { get; set; }

    /// <summary>The last status the project acknowledged; until it matches, the reminder keeps reporting.</summary>
    [Id(7)] public ImageStatus? StatusReportedToProject { get; set; }

    [Id(8)] public ImageStep LastStep { get; set; }

    /// <summary>The usage grain the current attempt's estimate was reserved in; null on images accepted before pricing.</summary>
    [Id(9)] public string? UsageKey { get; set; }

    [Id(10)] public bool UsageSettled { get; set; }
}
