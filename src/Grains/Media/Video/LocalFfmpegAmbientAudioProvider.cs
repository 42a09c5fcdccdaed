using System.Globalization;
using FFMpegCore;
using Microsoft.Extensions.Options;

namespace AiStudio.Media.Video;

/// <summary>
/// Synthesises a quiet ambient bed with FFmpeg: two decorrelated brown-noise channels, band-limited to a low rumble
/// and slowly swelling, like distant wind or surf, faded in and out.
/// </summary>
public sealed class LocalFfmpegAmbientAudioProvider(FfmpegRunner ffmpeg, IOptions<VideoMediaOptions> options) : IAmbientAudioProvider
{
    public async Task<string> CreateAmbientBedAsync(double durationSeconds, string directory, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(durationSeconds);
        var output = Path.Combine(directory, "ambient.wav");
        var fade = Math.Min(2.0, durationSeconds / 4);
        var graph = string.Create(
            CultureInfo.InvariantCulture,
            $"anoisesrc=c=brown:r=48000:a=0.5:d={durationSeconds:0.######}:seed=7[l];" +
            $"anoisesrc=c=brown:r=48000:a=0.5:d={durationSeconds:0.######}:seed=19[r];" +
            $"[l][r]join=inputs=2:channel_layout=stereo,lowpass=f=700,highpass=f=40,tremolo=f=0.15:d=0.4,volume=0.35," +
            $"afade=t=in:d={fade:0.###},afade=t=out:st={durationSeconds - fade:0.######}:d={fade:0.###}[out0]");
        var render = FFMpegArguments
            .FromFileInput(graph, verifyExists: false, input => input.GuardedAs("lavfi"))
            .OutputToFile(output, overwrite: true, bed => bed
                .WithAudioCodec("pcm_s16le")
                .ForceFormat("wav"));
        await ffmpeg.RunFfmpegAsync(render, options.Value.RenderTimeLimit, cancellationToken);
        return output;
    }
}
