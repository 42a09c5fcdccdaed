namespace AiStudio.Tests.Videos;

/// <summary>A video cluster whose clips time out after a second and a half, with reminders that tick every second so that they check the deadline too.</summary>
public sealed class ShortClipTimeoutFixture : VideoClusterFixture
{
    public static readonly TimeSpan ClipTimeout = TimeSpan.FromSeconds(1.5);

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        base.AddSettings(settings);
        ResumeStalledWorkWithinSeconds(settings);
        settings["Videos:ClipTimeout"] = ClipTimeout.ToString();
    }
}
