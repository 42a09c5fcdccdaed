using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Media.Images;

/// <summary>
/// A script standing in for the ffmpeg executable that logs each run and can be held back before it hands over to
/// the real ffmpeg, so tests can count jobs, see them overlap, and catch them mid-run.
/// </summary>
public sealed class FfmpegWrapper
{
    private readonly string _log;
    private readonly string _delay;

    public FfmpegWrapper(string directory)
    {
        Path = System.IO.Path.Combine(directory, "ffmpeg-wrapper.sh");
        _log = System.IO.Path.Combine(directory, "ffmpeg-runs.log");
        _delay = System.IO.Path.Combine(directory, "ffmpeg-delay");
        ExecutableScript.Write(Path, $"""
            #!/bin/sh
            echo start >> '{_log}'
            if [ -f '{_delay}' ]; then sleep "$(cat '{_delay}')"; fi
            echo end >> '{_log}'
            exec ffmpeg "$@"

            """);
    }

    public string Path { get; }

    public int Runs => Log.Count(line => line == "start");

    /// <summary>The most runs that were between their start and end at the same moment.</summary>
    public int MostAtOnce
    {
        get
        {
            var (current, most) = (0, 0);
            foreach (var line in Log)
            {
                current += line == "start" ? 1 : -1;
                most = Math.Max(most, current);
            }

            return most;
        }
    }

    /// <summary>Makes every later run wait this long before ffmpeg starts; null lets them run at once.</summary>
    public void HoldRunsFor(TimeSpan? delay)
    {
        if (delay is { } value)
        {
            File.WriteAllText(_delay, value.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            File.Delete(_delay);
        }
    }

    private string[] Log => File.Exists(_log) ? File.ReadAllLines(_log) : [];
}
