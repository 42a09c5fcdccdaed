using System.Globalization;
using System.Text.Json;
using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Drills;

/// <summary>What ffprobe and a full decode by ffmpeg say about a media file, read by the drill itself.</summary>
public sealed record MediaProbe(double DurationSeconds, IReadOnlyList<string> Codecs)
{
    /// <summary>Probes <paramref name="mp4"/> and decodes every frame of it; fails when FFmpeg reports any error.</summary>
    public static async Task<MediaProbe> OfWholeFileAsync(byte[] mp4)
    {
        var path = Path.Combine(Path.GetTempPath(), $"aistudio-drill-{Guid.NewGuid():N}.mp4");
        await File.WriteAllBytesAsync(path, mp4);
        try
        {
            // -xerror turns the first decoding problem (a truncated or corrupt file) into a failed run.
            await TestFfmpeg.RunAsync(["-xerror", "-i", path, "-f", "null", "-"]);
            var json = await Infrastructure.CommandLine.RunAsync(
                "ffprobe",
                ["-v", "error", "-show_entries", "format=duration:stream=codec_name", "-of", "json", path],
                TimeSpan.FromSeconds(60));
            var probe = JsonDocument.Parse(json).RootElement;
            var duration = double.Parse(probe.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
            var codecs = probe.GetProperty("streams").EnumerateArray().Select(stream => stream.GetProperty("codec_name").GetString()!).ToList();
            return new MediaProbe(duration, codecs);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
