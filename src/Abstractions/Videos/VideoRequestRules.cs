namespace AiStudio.Videos;

/// <summary>
/// What a video project request may ask for, with <see cref="VideoAspectRatios"/>: the API checks it before any grain
/// call, the project grain again where it accepts a request, and the providers rely on it. Pure values, no IO.
/// </summary>
public static class VideoRequestRules
{
    public const int MaxNameLength = 200;
    public const int MaxClips = 20;
    public const int MaxPromptLength = 2000;
    public const double DefaultMusicVolume = 0.5;

    public const string NameRequiredRule = "name is required.";
    public const string MusicVolumeRule = "volume must be between 0 and 1.";

    /// <summary>The lengths a clip may last, in seconds; the first when a clip does not say.</summary>
    public static IReadOnlyList<int> ClipDurations { get; } = [5, 10];

    public static int DefaultClipDuration => ClipDurations[0];

    public static string NameLengthRule { get; } = $"name must be at most {MaxNameLength} characters.";

    public static string ClipCountRule { get; } = $"A video project has at most {MaxClips} clips.";

    public static string ClipDurationRule { get; } = $"durationSeconds must be {string.Join(" or ", ClipDurations)}.";

    public static string AspectRatioRule { get; } = $"aspectRatio must be one of {string.Join(", ", VideoAspectRatios.All)}.";

    public static bool IsClipDuration(int seconds) => ClipDurations.Contains(seconds);

    /// <summary>From 0 (muted) to 1 (as recorded); NaN is neither.</summary>
    public static bool IsMusicVolume(double volume) => volume is >= 0 and <= 1;
}
