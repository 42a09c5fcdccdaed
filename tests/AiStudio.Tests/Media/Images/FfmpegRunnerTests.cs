using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AiStudio.Media;
using AiStudio.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiStudio.Tests.Media.Images;

public sealed class FfmpegRunnerTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Ffprobe_reports_on_a_file_read_with_a_forced_demuxer()
    {
        var image = _directory.File("picture.bin");
        await TestFfmpeg.RenderAsync("testsrc2=s=96x64", image, "-c:v", "png", "-f", "image2");

        var result = await Runner().RunFfprobeAsync(
            [.. FfmpegArguments.ImageInput(image, ImageFormat.Png), "-show_entries", "stream=codec_name,width,height", "-of", "default=nw=1"]);

        Assert.Equal(["codec_name=png", "width=96", "height=64"], result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Ffmpeg_writes_its_output_file()
    {
        var output = _directory.File("out.png");

        await Runner().RunFfmpegAsync(["-f", "lavfi", "-i", "color=red:s=8x8", "-frames:v", "1", "-f", "image2pipe", "-c:v", "png", FfmpegArguments.FileUrl(output)]);

        Assert.Equal((ImageFormat.Png, 8, 8), await SniffAsync(output));
    }

    [Fact]
    public async Task A_failing_run_throws_with_the_exit_code_and_the_tools_error_output()
    {
        var notAnImage = _directory.File("notes.png");
        await File.WriteAllTextAsync(notAnImage, "just some text");

        var failure = await Assert.ThrowsAsync<FfmpegException>(() => Runner().RunFfmpegAsync(
            [.. FfmpegArguments.ImageInput(notAnImage, ImageFormat.Png), "-f", "null", "-"]));

        Assert.NotEqual(0, failure.ExitCode);
        Assert.False(failure.TimedOut);
        Assert.NotEmpty(failure.StandardError);
        Assert.Contains("exit code", failure.Message);
    }

    [Fact]
    public async Task A_missing_executable_is_reported_as_an_ffmpeg_failure()
    {
        var runner = Runner(ffmpegPath: _directory.File("no-such-ffmpeg"));

        var failure = await Assert.ThrowsAsync<FfmpegException>(() => runner.RunFfmpegAsync(["-version"]));

        Assert.Null(failure.ExitCode);
    }

    [Fact]
    public async Task A_disguised_playlist_cannot_make_ffmpeg_open_a_network_address()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var playlist = _directory.File("holiday.jpg");
        await File.WriteAllTextAsync(playlist, $"#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nhttp://127.0.0.1:{port}/segment.ts\n#EXT-X-ENDLIST\n");

        await Assert.ThrowsAsync<FfmpegException>(() => Runner().RunFfmpegAsync([.. FfmpegArguments.ImageInput(playlist, ImageFormat.Jpeg), "-f", "null", "-"]));
        var asPlaylist = await Assert.ThrowsAsync<FfmpegException>(() => Runner().RunFfmpegAsync([.. FfmpegArguments.Input(playlist, "hls"), "-f", "null", "-"]));

        Assert.Contains("whitelist", asPlaylist.StandardError);
        Assert.False(listener.Pending(), "FFmpeg connected to the address in the playlist");
    }

    [Fact]
    public async Task A_run_past_its_time_limit_is_killed()
    {
        var output = _directory.File($"endless-{Guid.NewGuid():N}.nut");
        var stopwatch = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<FfmpegException>(() => Runner().RunFfmpegAsync(
            ["-re", "-f", "lavfi", "-i", "testsrc2=s=64x48:d=600", "-f", "nut", FfmpegArguments.FileUrl(output)],
            // Long enough for ffmpeg to start writing on a busy machine, which the kill must then interrupt.
            timeout: TimeSpan.FromSeconds(4)));

        Assert.True(failure.TimedOut);
        Assert.Null(failure.ExitCode);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"took {stopwatch.Elapsed}");
        Assert.True(File.Exists(output), "ffmpeg never started writing, so the kill proves nothing");
        Assert.False(ProcessTable.AnyWithCommandLineContaining(output));
    }

    [Fact]
    public async Task The_default_time_limit_applies_when_the_caller_gives_none()
    {
        var output = _directory.File($"endless-{Guid.NewGuid():N}.nut");
        var runner = Runner(timeout: TimeSpan.FromSeconds(1));

        var failure = await Assert.ThrowsAsync<FfmpegException>(() => runner.RunFfmpegAsync(
            ["-re", "-f", "lavfi", "-i", "testsrc2=s=64x48:d=600", "-f", "nut", FfmpegArguments.FileUrl(output)]));

        Assert.True(failure.TimedOut);
        Assert.False(ProcessTable.AnyWithCommandLineContaining(output));
    }

    [Fact]
    public async Task A_timeout_kills_the_whole_process_tree()
    {
        var marker = $"child-{Guid.NewGuid():N}";
        var childStarted = _directory.File($"{marker}.started");
        // The parent waits until its child runs, so the time-out always finds a tree of two (no race with a busy machine).
        var script = ExecutableScript.Write(
            _directory.File("ffmpeg-with-child.sh"),
            $"#!/bin/sh\nsh -c 'touch {childStarted}; sleep 600; echo {marker}' &\nwhile [ ! -f {childStarted} ]; do sleep 0.05; done\nwait\n");
        var runner = Runner(ffmpegPath: script);

        var failure = await Assert.ThrowsAsync<FfmpegException>(() => runner.RunFfmpegAsync([], timeout: TimeSpan.FromSeconds(3)));

        Assert.True(failure.TimedOut);
        Assert.True(File.Exists(childStarted), "The child process started before the time-out.");
        Assert.False(ProcessTable.AnyWithCommandLineContaining(marker));
    }

    [Fact]
    public async Task Cancelling_a_run_kills_ffmpeg()
    {
        var output = _directory.File($"endless-{Guid.NewGuid():N}.nut");
        using var cancellation = new CancellationTokenSource();

        var run = Runner().RunFfmpegAsync(
            ["-re", "-f", "lavfi", "-i", "testsrc2=s=64x48:d=600", "-f", "nut", FfmpegArguments.FileUrl(output)],
            cancellationToken: cancellation.Token);
        await WaitUntil.ConditionAsync(() => File.Exists(output), "ffmpeg has started writing", TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.False(ProcessTable.AnyWithCommandLineContaining(output));
    }

    private static FfmpegRunner Runner(string ffmpegPath = "ffmpeg", TimeSpan? timeout = null) =>
        new(Options.Create(new FfmpegOptions { FfmpegPath = ffmpegPath, FfmpegTimeout = timeout ?? TimeSpan.FromSeconds(60) }), NullLogger<FfmpegRunner>.Instance);

    private static async Task<(ImageFormat, int, int)?> SniffAsync(string path) =>
        await ImageSniffer.SniffFileAsync(path) is { } info ? (info.Format, info.Width, info.Height) : null;
}
