using System.Diagnostics;
using System.Globalization;
using AiStudio.Media.Video;
using AiStudio.Videos.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Issue 3's speed bar: compiling 10 clips of 5 s at 1280x720 with background music takes at most 2x a plain
// `ffmpeg -f concat -safe 0 -i list -c copy out.mp4` of the same clips. The clips come from the local provider, so
// they carry its encoding profile. The soundtrack is prepared while clips generate (its length is known from the
// plan), so the compile measured for the bar muxes it; the compile that renders it inline is measured as well.
const int ClipCount = 10;
const int ClipSeconds = 5;
const double Bar = 2.0;

var repetitions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var root = Path.Combine(Path.GetTempPath(), "aistudio-bench-" + Guid.NewGuid().ToString("N"));
var inputs = Path.Combine(root, "inputs");
Directory.CreateDirectory(inputs);
try
{
    var configuration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Root"] = root })
        .Build();
    await using var services = new ServiceCollection().AddLogging().AddVideoMedia(configuration).BuildServiceProvider();
    var provider = services.GetRequiredService<IVideoProvider>();
    var compiler = services.GetRequiredService<IVideoCompiler>();

    Console.WriteLine($"Rendering {ClipCount} clips of {ClipSeconds} s at 1280x720 with the local provider...");
    string[] sources = ["testsrc2=s=1920x1080", "mandelbrot=s=1920x1080", "smptehdbars=s=1600x1200"];
    var images = new List<string>();
    foreach (var (source, i) in sources.Select((source, i) => (source, i)))
    {
        var image = Path.Combine(inputs, $"image{i}.jpg");
        await FfmpegAsync("-f", "lavfi", "-i", source, "-frames:v", "1", image);
        images.Add(image);
    }

    var music = Path.Combine(inputs, "music.mp3");
    await FfmpegAsync(
        "-f", "lavfi", "-i", "sine=f=220:d=75", "-f", "lavfi", "-i", "sine=f=277:d=75", "-f", "lavfi", "-i", "anoisesrc=c=pink:a=0.05:d=75",
        "-filter_complex", "[0:a][1:a]amerge=inputs=2[chord];[chord][2:a]amix=inputs=2[a]", "-map", "[a]", "-c:a", "libmp3lame", "-b:a", "192k", music);

    var taskIds = new List<string>();
    for (var i = 0; i < ClipCount; i++)
    {
        taskIds.Add(await provider.SubmitClipAsync(new ClipJobRequest($"bench-clip-{i}", images[i % images.Count], "pan", ClipSeconds, "16:9"), CancellationToken.None));
    }

    var segments = new List<string>();
    foreach (var taskId in taskIds)
    {
        VideoJobState state;
        while (!(state = await provider.GetStatusAsync(taskId, CancellationToken.None)).IsFinished)
        {
            await Task.Delay(200);
        }

        segments.Add(state.ResultPath ?? throw new InvalidOperationException($"Clip {taskId} failed: {state.ErrorMessage}"));
    }

    var list = Path.Combine(inputs, "list.txt");
    await File.WriteAllLinesAsync(list, segments.Select(segment => $"file '{segment}'"));
    var plainOutput = Path.Combine(inputs, "plain.mp4");
    var track = new MusicTrack(music, 0.5);
    var request = new VideoCompileRequest(segments, "16:9", track, Ambient: false);

    var plain = new List<double>();
    var preparing = new List<double>();
    var prepared = new List<double>();
    var inline = new List<double>();
    for (var repetition = 0; repetition <= repetitions; repetition++)
    {
        var warmUp = repetition == 0;
        var watch = Stopwatch.StartNew();
        await FfmpegAsync("-f", "concat", "-safe", "0", "-i", list, "-c", "copy", plainOutput);
        Record(plain, watch, warmUp);

        watch.Restart();
        var soundtrack = await compiler.PrepareSoundtrackAsync(new SoundtrackRequest(track, Ambient: false, DurationSeconds: ClipCount * ClipSeconds), CancellationToken.None);
        Record(preparing, watch, warmUp);

        watch.Restart();
        using (var compiled = await compiler.CompileAsync(request with { PreparedSoundtrack = soundtrack }, CancellationToken.None))
        {
            Record(prepared, watch, warmUp);
            Require(compiled, segments.Count * ClipSeconds);
        }

        watch.Restart();
        using (var compiled = await compiler.CompileAsync(request, CancellationToken.None))
        {
            Record(inline, watch, warmUp);
            Require(compiled, segments.Count * ClipSeconds);
        }

        Directory.Delete(Path.GetDirectoryName(soundtrack.Path)!, recursive: true);
    }

    var ratio = Median(prepared) / Median(plain);
    Console.WriteLine($"Load average: {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} cores; {repetitions} repetitions after one warm-up; medians:");
    Console.WriteLine($"  plain ffmpeg -f concat -c copy                 {Median(plain),7:0.000} s");
    Console.WriteLine($"  compile, soundtrack prepared during generation {Median(prepared),7:0.000} s   ratio {ratio:0.00}");
    Console.WriteLine($"  compile, soundtrack rendered inside it         {Median(inline),7:0.000} s   ratio {Median(inline) / Median(plain):0.00}");
    Console.WriteLine($"  soundtrack preparation (runs while clips generate) {Median(preparing),7:0.000} s");
    Console.WriteLine($"Ratio {ratio:0.00} (bar: <= {Bar:0.0}): {(ratio <= Bar ? "PASS" : "FAIL")}");
    return ratio <= Bar ? 0 : 1;
}
finally
{
    Directory.Delete(root, recursive: true);
}

static void Record(List<double> samples, Stopwatch watch, bool warmUp)
{
    if (!warmUp)
    {
        samples.Add(watch.Elapsed.TotalSeconds);
    }
}

static double Median(List<double> samples)
{
    var sorted = samples.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

static void Require(CompiledVideo compiled, double seconds)
{
    if (!compiled.StreamCopied || Math.Abs(compiled.DurationSeconds - seconds) > 0.2)
    {
        throw new InvalidOperationException($"Unexpected compile: stream copy {compiled.StreamCopied}, {compiled.DurationSeconds} s.");
    }
}

static async Task FfmpegAsync(params string[] arguments)
{
    var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
    foreach (var argument in (string[])["-nostdin", "-y", "-v", "error", .. arguments])
    {
        start.ArgumentList.Add(argument);
    }

    using var process = Process.Start(start)!;
    var errors = await process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} failed: {errors}");
    }
}
