namespace AiStudio.Tests.Videos;

/// <summary>A video cluster whose clips time out after a second and a half.</summary>
public sealed class ShortClipTimeoutFixture : VideoClusterFixture
{
    public static readonly TimeSpan ClipTimeout = TimeSpan.FromSeconds(1.5);

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        base.AddSettings(settings);
        settings["Videos:ClipTimeout"] = ClipTimeout.ToString();
    }
}
