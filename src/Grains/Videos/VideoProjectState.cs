using AiStudio.Media.Video;

namespace AiStudio.Videos;

[GenerateSerializer]
public sealed class VideoProjectState
{
    [Id(0)] public bool Exists { get; set; }

    /// <summary>The clips exist and the workspace lists the project; a creation interrupted before that is finished by the next call.</summary>
    [Id(1)] public bool Initialized { get; set; }

    [Id(2)] public string WorkspaceId { get; set; } = "";
    [Id(3)] public string UserId { get; set; } = "";
    [Id(4)] public string Name { get; set; } = "";
    [Id(5)] public VideoProjectStatus Status { get; set; }

    /// <summary>Clips and transitions by sequence order.</summary>
    [Id(6)] public List<VideoSegment> Segments { get; set; } = [];

    [Id(7)] public BackgroundMusic? BackgroundMusic { get; set; }
    [Id(8)] public bool AmbientAudio { get; set; }
    [Id(9)] public string AspectRatio { get; set; } = VideoAspectRatios.Default;
    [Id(10)] public string? WebhookUrl { get; set; }
    [Id(11)] public string? WebhookSecret { get; set; }

    [Id(12)] public int EstimatedCost { get; set; }
    [Id(13)] public int CompilePriceCents { get; set; }
    [Id(14)] public int? ActualCost { get; set; }
    [Id(15)] public VideoOutput? Output { get; set; }
    [Id(16)] public string? ErrorMessage { get; set; }

    [Id(17)] public string? Step { get; set; }
    [Id(18)] public string? Label { get; set; }
    [Id(19)] public int? StepProgress { get; set; }

    /// <summary>Bumped by generate and by each retry; clips report the run they worked for.</summary>
    [Id(20)] public int Run { get; set; }

    /// <summary>The first clip error of this run: no clip starts after it, and the project fails with it once the clips in flight end.</summary>
    [Id(21)] public string? RunFailure { get; set; }

    [Id(22)] public DateTimeOffset? CompilingSince { get; set; }

    /// <summary>How many times the project reached completed or failed; numbers its webhook deliveries.</summary>
    [Id(23)] public int Endings { get; set; }

    /// <summary>The ending whose terminal event is in the progress log.</summary>
    [Id(24)] public int EndingPublished { get; set; }

    /// <summary>The ending whose webhook was handed to its delivery grain.</summary>
    [Id(25)] public int EndingWebhookScheduled { get; set; }

    /// <summary>The soundtrack rendered while the clips generate, so that the compile only muxes it.</summary>
    [Id(28)] public PreparedSoundtrack? Soundtrack { get; set; }

    /// <summary>The usage grain the current run's estimate was reserved in; null before the first generate.</summary>
    [Id(29)] public string? UsageKey { get; set; }

    /// <summary>The last run whose cost was settled in the usage grain.</summary>
    [Id(30)] public int UsageSettledRun { get; set; }

    /// <summary>What the settled runs spent together, so each run settles only the work it added.</summary>
    [Id(31)] public int SettledCents { get; set; }

    [Id(26)] public DateTimeOffset CreatedAt { get; set; }
    [Id(27)] public DateTimeOffset UpdatedAt { get; set; }
}
