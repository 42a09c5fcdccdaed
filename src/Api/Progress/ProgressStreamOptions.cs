namespace AiStudio.Progress;

/// <summary>Timing of progress event streams (configuration section <c>Progress</c>).</summary>
public sealed class ProgressStreamOptions
{
    public const string SectionName = "Progress";

    /// <summary>A comment line is sent after this much silence, and retained events are checked for anything live delivery lost.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan CatchUpTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
