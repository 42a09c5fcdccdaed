using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;
using AiStudio.Providers;
using AiStudio.Tests.Infrastructure;
using AiStudio.Videos.Providers;
using FFMpegCore;
using FFMpegCore.Enums;

namespace AiStudio.Tests.Media.Video;

/// <summary>Makes test inputs with FFmpeg and inspects outputs independently of the code under test.</summary>
public static partial class VideoTestMedia
{
    public static async Task<string> CreateImageAsync(string path, string lavfiSource, string? codec = null)
    {
        await FFMpegArguments
            .FromFileInput(lavfiSource, verifyExists: false, input => input.ForceFormat("lavfi"))
            .OutputToFile(path, overwrite: true, output =>
            {
                output.WithFrameCount(1);
                if (codec is not null)
                {
                    output.WithVideoCodec(codec);
                }
            })
            .ProcessAsynchronously();
        return path;
    }

    /// <summary>A two-tone stereo MP3 of <paramref name="seconds"/>.</summary>
    public static async Task<string> CreateMusicAsync(string path, int seconds)
    {
        await FFMpegArguments
            .FromFileInput(Invariant($"sine=f=220:d={seconds}"), verifyExists: false, input => input.ForceFormat("lavfi"))
            .AddFileInput(Invariant($"sine=f=330:d={seconds}"), verifyExists: false, input => input.ForceFormat("lavfi"))
            .OutputToFile(path, overwrite: true, output => output
                .WithCustomArgument("-filter_complex \"[0:a][1:a]amerge=inputs=2[a]\"")
                .WithMap("a")
                .WithAudioCodec("libmp3lame")
                .WithAudioBitrate(128))
            .ProcessAsynchronously();
        return path;
    }

    public static async Task<string> CreateSilenceAsync(string path, int seconds)
    {
        await FFMpegArguments
            .FromFileInput(Invariant($"anullsrc=d={seconds}"), verifyExists: false, input => input.ForceFormat("lavfi"))
            .OutputToFile(path, overwrite: true, output => output.WithAudioCodec("libmp3lame"))
            .ProcessAsynchronously();
        return path;
    }

    /// <summary>A segment whose codec parameters differ from the clips': 640x360, 25 fps, baseline profile.</summary>
    public static async Task<string> CreateForeignSegmentAsync(string path, int seconds)
    {
        await FFMpegArguments
            .FromFileInput(Invariant($"testsrc=s=640x360:r=25:d={seconds}"), verifyExists: false, input => input.ForceFormat("lavfi"))
            .OutputToFile(path, overwrite: true, output => output
                .WithVideoCodec(VideoCodec.LibX264)
                .WithVideoProfile(VideoProfile.Baseline)
                .WithSpeedPreset(EncoderPreset.UltraFast)
                .WithPixelFormat("yuv420p"))
            .ProcessAsynchronously();
        return path;
    }

    public static Task<ProviderJobState> WaitUntilFinishedAsync(IVideoProvider provider, string taskId, TimeSpan timeout) =>
        WaitUntil.ValueAsync(
            () => provider.GetStatusAsync(taskId, CancellationToken.None), state => state.IsFinished, $"task {taskId} has finished", timeout);

    /// <summary>Copies a finished task's result into <paramref name="directory"/> as the runner would store it, and answers the file's path.</summary>
    public static async Task<string> FetchResultAsync(IVideoProvider provider, string taskId, string directory)
    {
        Directory.CreateDirectory(directory);
        await using var result = await provider.FetchResultAsync(taskId, CancellationToken.None);
        var path = Path.Combine(directory, taskId + result.FileExtension);
        await using var file = File.Create(path);
        await result.Content.CopyToAsync(file);
        return path;
    }

    /// <summary>The types of the top-level boxes of an MP4, in file order.</summary>
    public static IReadOnlyList<string> TopLevelBoxes(string path)
    {
        using var file = File.OpenRead(path);
        var boxes = new List<string>();
        var header = new byte[16];
        long position = 0;
        while (position + 8 <= file.Length)
        {
            file.Position = position;
            file.ReadExactly(header, 0, 8);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (size == 1)
            {
                file.ReadExactly(header, 8, 8);
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8));
            }
            else if (size == 0)
            {
                size = file.Length - position;
            }

            boxes.Add(System.Text.Encoding.ASCII.GetString(header, 4, 4));
            position += size;
        }

        return boxes;
    }

    /// <summary>The MD5 of every video packet, in decoding order, as ffmpeg's framemd5 muxer lists them.</summary>
    public static async Task<IReadOnlyList<string>> VideoPacketHashesAsync(string path)
    {
        var listing = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ".framemd5");
        await FFMpegArguments
            .FromFileInput(path)
            .OutputToFile(listing, overwrite: true, output => output
                .WithMap(0, StreamType.Video)
                .CopyStreams()
                .ForceFormat("framemd5"))
            .ProcessAsynchronously();
        var hashes = File.ReadAllLines(listing)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(',')[^1].Trim())
            .ToList();
        File.Delete(listing);
        return hashes;
    }

    /// <summary>The loudest sample of the first audio stream in dBFS, as ffmpeg's volumedetect measures it.</summary>
    public static async Task<double> MaxVolumeAsync(string path)
    {
        var result = await FFMpegArguments
            .FromFileInput(path)
            .OutputToNull(output => output
                .WithMap(0, StreamType.Audio, 0)
                .WithAudioFilters(filters => filters.VolumeDetect()))
            .ProcessAsynchronously();
        var line = result.StandardError.Last(line => line.Contains("max_volume:", StringComparison.Ordinal));
        var value = MaxVolume().Match(line).Groups[1].Value;
        return value == "-inf" ? double.NegativeInfinity : double.Parse(value, CultureInfo.InvariantCulture);
    }

    /// <summary>Decodes every frame of the file and reports whether ffmpeg managed without an error.</summary>
    public static async Task<bool> DecodesAsync(string path)
    {
        // The log level goes first: placed after the null output "-", ffmpeg overlooks it and prints its banner.
        var result = await FFMpegArguments
            .FromFileInput(path, verifyExists: true, input => input.WithCustomArgument("-v error"))
            .OutputToNull()
            .ProcessAsynchronously(throwOnError: false);
        return result.Success && result.StandardError.Count == 0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"max_volume:\s*(-?(?:[\d.]+|inf)) dB")]
    private static partial Regex MaxVolume();
}
