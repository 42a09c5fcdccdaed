namespace AiStudio.Progress;

public sealed class ProgressLogOptions
{
    /// <summary>Events kept per project for Last-Event-ID replay; the API promises at least 1000.</summary>
    public int RetainedEventsPerStream { get; set; } = 2000;
}
