using AiStudio.Images.Providers;
using AiStudio.Media;
using AiStudio.Media.Images;
using AiStudio.Providers;
using AiStudio.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiStudio.Tests.Media.Images;

public sealed class LocalFfmpegImageProviderTests : IAsyncLifetime
{
    private const string DullNoisyPicture = "testsrc2=s=320x240,eq=contrast=0.6:saturation=0.7,noise=alls=6:allf=u:all_seed=42";
    private const string Gradient = "gradients=s=320x240:c0=0x2050a0:c1=0xe0b060:x0=0:y0=0:x1=319:y1=239:nb_colors=2:seed=1";
    private const string RedObject = "drawbox=x=100:y=80:w=60:h=60:color=red:t=fill";
    private const string HalfSizeMaskAroundTheObject = "color=black:s=160x120,drawbox=x=48:y=38:w=34:h=34:color=white:t=fill";

    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(60);
    private static readonly Region ObjectRegion = new(100, 80, 160, 140);
    private static readonly Region MaskRegion = new(96, 76, 164, 144);

    private readonly TemporaryDirectory _directory = new();
    private readonly List<LocalFfmpegImageProvider> _providers = [];

    private string StorageRoot => _directory.File("media");

    private string JobsRoot => Path.Combine(StorageRoot, ".provider", "images");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        _directory.Dispose();
    }

    [Theory]
    [InlineData(DullNoisyPicture, "mjpeg", ImageFormat.Jpeg)]
    [InlineData("testsrc2=s=322x242,eq=contrast=0.6:saturation=0.7,format=rgb24,crop=321:241", "png", ImageFormat.Png)]
    [InlineData(DullNoisyPicture, "libwebp", ImageFormat.WebP)]
    public async Task Enhancing_gives_an_image_of_the_same_format_and_size_with_more_contrast(string lavfiSource, string encoder, ImageFormat format)
    {
        var source = _directory.File("upload.bin");
        await TestFfmpeg.RenderAsync(lavfiSource, source, "-c:v", encoder, "-f", "image2pipe");
        var sourceInfo = await ImageSniffer.SniffFileAsync(source);
        var provider = Provider();

        var taskId = await provider.SubmitAsync(new ImageJobRequest("job-1", ImageJobKind.Enhance, source, null, "make it pop"), default);
        var state = await WaitUntilFinishedAsync(provider, taskId);
        var resultPath = await FetchResultAsync(provider, taskId);

        Assert.Equal(ProviderJobStatus.Succeeded, state.Status);
        var result = await ImageSniffer.SniffFileAsync(resultPath);
        Assert.Equal(sourceInfo, result);
        Assert.Equal(format, result!.Format);
        var before = await TestFfmpeg.ReadRgbAsync(source);
        var after = await TestFfmpeg.ReadRgbAsync(resultPath);
        Assert.Equal(before.Length, after.Length);
        Assert.True(MeanDifference(before, after) > 2.0, $"mean difference only {MeanDifference(before, after):F2}");
        var (contrastBefore, contrastAfter) = (Spread(await TestFfmpeg.ReadGrayAsync(source)), Spread(await TestFfmpeg.ReadGrayAsync(resultPath)));
        Assert.True(contrastAfter > contrastBefore * 1.04, $"luma spread went from {contrastBefore:F1} to {contrastAfter:F1}");
    }

    [Theory]
    [InlineData("png")]
    [InlineData("libwebp")]
    public async Task Enhancing_keeps_the_alpha_channel(string encoder)
    {
        var source = _directory.File("upload.bin");
        await TestFfmpeg.RenderAsync($"{DullNoisyPicture},format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='X*255/W'", source, "-c:v", encoder, "-f", "image2pipe");
        var provider = Provider();

        var taskId = await provider.SubmitAsync(new ImageJobRequest("job-alpha", ImageJobKind.Enhance, source, null, "enhance"), default);
        var state = await WaitUntilFinishedAsync(provider, taskId);
        var resultPath = await FetchResultAsync(provider, taskId);

        Assert.Equal(await ImageSniffer.SniffFileAsync(source), await ImageSniffer.SniffFileAsync(resultPath));
        var alphaBefore = await TestFfmpeg.ReadAlphaAsync(source);
        var alphaAfter = await TestFfmpeg.ReadAlphaAsync(resultPath);
        Assert.True(MeanDifference(alphaBefore, alphaAfter) < 1.0, $"alpha changed by {MeanDifference(alphaBefore, alphaAfter):F2} on average");
        Assert.True(MeanDifference(await TestFfmpeg.ReadRgbAsync(source), await TestFfmpeg.ReadRgbAsync(resultPath)) > 2.0);
    }

    [Fact]
    public async Task Removing_an_object_fills_its_place_from_the_surroundings_and_leaves_the_rest_as_it_was()
    {
        var background = _directory.File("background.png");
        await TestFfmpeg.RenderAsync(Gradient, background, "-f", "image2");
        var source = _directory.File("photo.png");
        await TestFfmpeg.RenderAsync($"{Gradient},{RedObject}", source, "-f", "image2");
        var preparedMask = await PrepareMaskAsync(source, HalfSizeMaskAroundTheObject);
        var provider = Provider();

        var taskId = await provider.SubmitAsync(new ImageJobRequest("remove-1", ImageJobKind.InpaintRemove, source, preparedMask, "remove the box"), default);
        var state = await WaitUntilFinishedAsync(provider, taskId);
        var resultPath = await FetchResultAsync(provider, taskId);

        Assert.Equal(ProviderJobStatus.Succeeded, state.Status);
        Assert.Equal((ImageFormat.Png, 320, 240), await SniffAsync(resultPath));
        var (clean, before, after) = (await TestFfmpeg.ReadRgbAsync(background), await TestFfmpeg.ReadRgbAsync(source), await TestFfmpeg.ReadRgbAsync(resultPath));
        Assert.True(MeanDifference(clean, before, 320, ObjectRegion.Contains) > 100, "the object does not stand out from the background");
        var fromBackground = MeanDifference(clean, after, 320, ObjectRegion.Contains);
        Assert.True(fromBackground < 10, $"the filled region is {fromBackground:F1} away from the background on average");
        Assert.Equal(0, MaxDifference(before, after, 320, (x, y) => MaskRegion.DistanceTo(x, y) > 4));
    }

    [Fact]
    public async Task Removing_from_a_jpeg_keeps_far_pixels_within_reencoding_noise()
    {
        var background = _directory.File("background.png");
        await TestFfmpeg.RenderAsync(Gradient, background, "-f", "image2");
        var source = _directory.File("photo.jpg");
        await TestFfmpeg.RenderAsync($"{Gradient},{RedObject}", source, "-c:v", "mjpeg", "-q:v", "2", "-f", "image2");
        var preparedMask = await PrepareMaskAsync(source, HalfSizeMaskAroundTheObject);
        var provider = Provider();

        var taskId = await provider.SubmitAsync(new ImageJobRequest("remove-jpeg", ImageJobKind.InpaintRemove, source, preparedMask, "remove"), default);
        var state = await WaitUntilFinishedAsync(provider, taskId);
        var resultPath = await FetchResultAsync(provider, taskId);

        Assert.Equal((ImageFormat.Jpeg, 320, 240), await SniffAsync(resultPath));
        var (clean, before, after) = (await TestFfmpeg.ReadRgbAsync(background), await TestFfmpeg.ReadRgbAsync(source), await TestFfmpeg.ReadRgbAsync(resultPath));
        var fromBackground = MeanDifference(clean, after, 320, ObjectRegion.Contains);
        Assert.True(fromBackground < 12, $"the filled region is {fromBackground:F1} away from the background on average");
        var farChange = MeanDifference(before, after, 320, (x, y) => MaskRegion.DistanceTo(x, y) > 16);
        Assert.True(farChange < 3, $"far pixels changed by {farChange:F1} on average");
    }

    [Fact]
    public async Task Adding_fails_with_a_message_that_it_needs_a_generative_model()
    {
        var source = _directory.File("photo.png");
        await TestFfmpeg.RenderAsync("testsrc2=s=64x48", source, "-f", "image2");
        var preparedMask = await PrepareMaskAsync(source, "color=white:s=64x48");
        var provider = Provider();

        var taskId = await provider.SubmitAsync(new ImageJobRequest("add-1", ImageJobKind.InpaintAdd, source, preparedMask, "add a cat"), default);
        var state = await WaitUntilFinishedAsync(provider, taskId);

        Assert.Equal(ProviderJobState.Failed("Processing failed: the local provider cannot add objects; 'add' needs a generative model"), state);
    }

    [Fact]
    public async Task A_mask_of_another_size_fails_the_job()
    {
        var source = _directory.File("photo.png");
        await TestFfmpeg.RenderAsync("testsrc2=s=64x48", source, "-f", "image2");
        var mask = _directory.File("mask.png");
        await TestFfmpeg.RenderAsync("color=white:s=32x24", mask, "-pix_fmt", "gray", "-f", "image2");
        var provider = Provider();

        var taskId = await provider.SubmitAsync(new ImageJobRequest("remove-2", ImageJobKind.InpaintRemove, source, mask, "remove"), default);
        var state = await WaitUntilFinishedAsync(provider, taskId);

        Assert.Equal(ProviderJobStatus.Failed, state.Status);
        Assert.StartsWith("Processing failed: ", state.ErrorMessage);
    }

    [Fact]
    public async Task A_source_that_is_not_an_image_fails_the_job()
    {
        var source = _directory.File("photo.jpg");
        await File.WriteAllTextAsync(source, "#EXTM3U\n#EXTINF:1,\nhttp://127.0.0.1/a.ts\n");
        var provider = Provider();

        var taskId = await provider.SubmitAsync(new ImageJobRequest("enhance-text", ImageJobKind.Enhance, source, null, "enhance"), default);
        var state = await WaitUntilFinishedAsync(provider, taskId);

        Assert.Equal(ProviderJobState.Failed("Processing failed: the source is not a readable JPEG, PNG or WebP image"), state);
    }

    [Fact]
    public async Task Submitting_the_same_job_key_again_answers_the_same_task_and_runs_one_job()
    {
        var wrapper = new FfmpegWrapper(_directory.Path);
        var source = await RenderSourceAsync();
        var provider = Provider(ffmpegPath: wrapper.Path);
        var request = new ImageJobRequest("image-7:attempt-1", ImageJobKind.Enhance, source, null, "enhance");

        var concurrent = await Task.WhenAll(provider.SubmitAsync(request, default), provider.SubmitAsync(request, default));
        var state = await WaitUntilFinishedAsync(provider, concurrent[0]);
        var afterCompletion = await provider.SubmitAsync(request, default);
        var other = await provider.SubmitAsync(request with { JobKey = "image-7:attempt-2" }, default);

        Assert.Equal(ProviderJobStatus.Succeeded, state.Status);
        Assert.Equal(concurrent[0], concurrent[1]);
        Assert.Equal(concurrent[0], afterCompletion);
        Assert.NotEqual(concurrent[0], other);
        await WaitUntilFinishedAsync(provider, other);
        Assert.Equal(2, wrapper.Runs);
        Assert.Equal(2, JobDirectories().Length);
    }

    [Fact]
    public async Task A_fresh_provider_answers_the_same_task_id_for_a_job_key_and_does_not_run_it_again()
    {
        var wrapper = new FfmpegWrapper(_directory.Path);
        var source = await RenderSourceAsync();
        var request = new ImageJobRequest("image-8:attempt-1", ImageJobKind.Enhance, source, null, "enhance");
        var first = Provider(ffmpegPath: wrapper.Path);
        var taskId = await first.SubmitAsync(request, default);
        var finished = await WaitUntilFinishedAsync(first, taskId);

        var second = Provider(ffmpegPath: wrapper.Path);
        var again = await second.SubmitAsync(request, default);

        Assert.Equal(taskId, again);
        Assert.Equal(finished, await second.GetStatusAsync(again, default));
        Assert.Equal(1, wrapper.Runs);
    }

    [Fact]
    public async Task A_job_left_unfinished_by_a_stopped_provider_is_run_again_when_a_fresh_provider_is_asked_for_it()
    {
        var wrapper = new FfmpegWrapper(_directory.Path);
        wrapper.HoldRunsFor(TimeSpan.FromMinutes(10));
        var source = await RenderSourceAsync();
        var crashed = Provider(ffmpegPath: wrapper.Path);
        var taskId = await crashed.SubmitAsync(new ImageJobRequest("image-9:attempt-1", ImageJobKind.Enhance, source, null, "enhance"), default);
        await WaitUntil.ValueAsync(() => crashed.GetStatusAsync(taskId, default), s => s.Status == ProviderJobStatus.Running && wrapper.Runs == 1, "the job is running", JobTimeout);

        await crashed.DisposeAsync();
        Assert.False(ProcessTable.AnyWithCommandLineContaining(wrapper.Path), "the stopped provider left ffmpeg running");
        wrapper.HoldRunsFor(null);
        var restarted = Provider(ffmpegPath: wrapper.Path);

        Assert.Equal(ProviderJobStatus.Queued, (await restarted.GetStatusAsync(taskId, default)).Status);
        var state = await WaitUntilFinishedAsync(restarted, taskId);
        Assert.Equal(ProviderJobStatus.Succeeded, state.Status);
        Assert.Equal(2, wrapper.Runs);
    }

    [Fact]
    public async Task A_job_claimed_by_another_live_process_is_left_to_it_until_that_process_lets_go()
    {
        var wrapper = new FfmpegWrapper(_directory.Path);
        wrapper.HoldRunsFor(TimeSpan.FromMinutes(10));
        var source = await RenderSourceAsync();
        var stopped = Provider(ffmpegPath: wrapper.Path);
        var taskId = await stopped.SubmitAsync(new ImageJobRequest("image-10:attempt-1", ImageJobKind.Enhance, source, null, "enhance"), default);
        await WaitUntil.ConditionAsync(() => wrapper.Runs == 1, "the job has started", JobTimeout);
        await stopped.DisposeAsync();
        wrapper.HoldRunsFor(null);
        var provider = Provider(ffmpegPath: wrapper.Path);

        // The lock another silo would hold on the job while it runs it.
        using (new FileStream(Path.Combine(JobsRoot, taskId, "claim"), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            Assert.Equal(ProviderJobStatus.Running, (await provider.GetStatusAsync(taskId, default)).Status);
            Assert.Equal(ProviderJobStatus.Running, (await provider.GetStatusAsync(taskId, default)).Status);
            Assert.Equal(1, wrapper.Runs);
        }

        var state = await WaitUntilFinishedAsync(provider, taskId);

        Assert.Equal(ProviderJobStatus.Succeeded, state.Status);
        Assert.Equal(2, wrapper.Runs);
    }

    [Fact]
    public async Task No_more_ffmpeg_runs_at_once_than_the_configured_limit()
    {
        var wrapper = new FfmpegWrapper(_directory.Path);
        wrapper.HoldRunsFor(TimeSpan.FromSeconds(0.5));
        var source = await RenderSourceAsync();
        var provider = Provider(ffmpegPath: wrapper.Path, maxConcurrentJobs: 2);

        var taskIds = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            provider.SubmitAsync(new ImageJobRequest($"batch-{i}", ImageJobKind.Enhance, source, null, "enhance"), default)));
        var states = await Task.WhenAll(taskIds.Select(id => WaitUntilFinishedAsync(provider, id)));

        Assert.All(states, s => Assert.Equal(ProviderJobStatus.Succeeded, s.Status));
        Assert.Equal(5, wrapper.Runs);
        Assert.Equal(2, wrapper.MostAtOnce);
    }

    [Fact]
    public async Task A_job_whose_ffmpeg_runs_out_of_time_fails_and_leaves_no_ffmpeg_behind()
    {
        var wrapper = new FfmpegWrapper(_directory.Path);
        wrapper.HoldRunsFor(TimeSpan.FromMinutes(10));
        var source = await RenderSourceAsync();
        var provider = Provider(ffmpegPath: wrapper.Path, ffmpegTimeout: TimeSpan.FromSeconds(1));

        var taskId = await provider.SubmitAsync(new ImageJobRequest("slow", ImageJobKind.Enhance, source, null, "enhance"), default);
        var state = await WaitUntilFinishedAsync(provider, taskId);

        Assert.Equal(ProviderJobState.Failed("Processing failed: the image took too long to process"), state);
        Assert.False(ProcessTable.AnyWithCommandLineContaining(wrapper.Path));
    }

    [Fact]
    public async Task A_run_that_writes_no_image_fails_with_the_seed_message()
    {
        var silent = ExecutableScript.Write(_directory.File("ffmpeg-that-does-nothing.sh"), "#!/bin/sh\nexit 0\n");
        var source = await RenderSourceAsync();
        var provider = Provider(ffmpegPath: silent);

        var taskId = await provider.SubmitAsync(new ImageJobRequest("silent", ImageJobKind.Enhance, source, null, "enhance"), default);

        Assert.Equal(ProviderJobState.Failed("The AI model didn't return a result"), await WaitUntilFinishedAsync(provider, taskId));
    }

    [Fact]
    public async Task Task_ids_the_provider_never_issued_are_unknown()
    {
        var provider = Provider();

        Assert.Equal(ProviderJobState.Unknown, await provider.GetStatusAsync("lfi_" + new string('0', 32), default));
        Assert.Equal(ProviderJobState.Unknown, await provider.GetStatusAsync("../../../etc", default));
        Assert.Equal(ProviderJobState.Unknown, await provider.GetStatusAsync("", default));
    }

    [Fact]
    public async Task A_canceled_job_is_forgotten_with_its_files()
    {
        var source = await RenderSourceAsync();
        var provider = Provider();
        var taskId = await provider.SubmitAsync(new ImageJobRequest("release-me", ImageJobKind.Enhance, source, null, "enhance"), default);
        await WaitUntilFinishedAsync(provider, taskId);

        await provider.CancelAsync(taskId, default);

        Assert.Equal(ProviderJobState.Unknown, await provider.GetStatusAsync(taskId, default));
        Assert.False(Directory.Exists(Path.Combine(JobsRoot, taskId)));
    }

    [Fact]
    public async Task Invalid_requests_are_refused_at_submission()
    {
        var source = await RenderSourceAsync();
        var provider = Provider();

        await Assert.ThrowsAsync<ArgumentException>(() => provider.SubmitAsync(new ImageJobRequest("no-mask", ImageJobKind.InpaintRemove, source, null, "remove"), default));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => provider.SubmitAsync(new ImageJobRequest("", ImageJobKind.Enhance, source, null, "enhance"), default));
        await Assert.ThrowsAsync<FileNotFoundException>(() => provider.SubmitAsync(new ImageJobRequest("gone", ImageJobKind.Enhance, _directory.File("gone.jpg"), null, "enhance"), default));
        Assert.Empty(JobDirectories());
    }

    private LocalFfmpegImageProvider Provider(
        string ffmpegPath = "ffmpeg", TimeSpan? ffmpegTimeout = null, int maxConcurrentJobs = 2)
    {
        var runner = new FfmpegRunner(
            Options.Create(new FfmpegOptions
            {
                FfmpegPath = ffmpegPath,
                FfmpegTimeout = ffmpegTimeout ?? TimeSpan.FromSeconds(60),
                MaxConcurrentJobs = maxConcurrentJobs,
            }),
            NullLogger<FfmpegRunner>.Instance);
        var provider = new LocalFfmpegImageProvider(
            runner,
            Options.Create(new LocalProviderOptions { StorageRoot = StorageRoot }),
            NullLogger<LocalFfmpegImageProvider>.Instance);
        _providers.Add(provider);
        return provider;
    }

    private string[] JobDirectories() =>
        Directory.Exists(JobsRoot) ? [.. Directory.GetDirectories(JobsRoot).Where(d => !Path.GetFileName(d).StartsWith('.'))] : [];

    private async Task<string> RenderSourceAsync()
    {
        var source = _directory.File("source.png");
        if (!File.Exists(source))
        {
            await TestFfmpeg.RenderAsync("testsrc2=s=160x120", source, "-f", "image2");
        }

        return source;
    }

    private async Task<string> PrepareMaskAsync(string source, string lavfiMask)
    {
        var mask = _directory.File("drawn-mask.png");
        await TestFfmpeg.RenderAsync(lavfiMask, mask, "-f", "image2");
        var prepared = _directory.File("prepared-mask.png");
        var preparer = new MaskPreparer(new FfmpegRunner(Options.Create(new FfmpegOptions()), NullLogger<FfmpegRunner>.Instance), NullLogger<MaskPreparer>.Instance);
        await preparer.PrepareAsync(source, mask, prepared);
        return prepared;
    }

    private static Task<ProviderJobState> WaitUntilFinishedAsync(IImageProvider provider, string taskId) =>
        WaitUntil.ValueAsync(() => provider.GetStatusAsync(taskId, default), state => state.IsFinished, $"job {taskId} has finished", JobTimeout);

    /// <summary>Copies a finished job's result next to the test's files, as the runner copies it into the blob store.</summary>
    private async Task<string> FetchResultAsync(IImageProvider provider, string taskId)
    {
        await using var result = await provider.FetchResultAsync(taskId, default);
        var path = _directory.File($"result-{taskId}{result.FileExtension}");
        await using (var file = File.Create(path))
        {
            await result.Content.CopyToAsync(file);
        }

        return path;
    }

    private static async Task<(ImageFormat, int, int)?> SniffAsync(string path) =>
        await ImageSniffer.SniffFileAsync(path) is { } info ? (info.Format, info.Width, info.Height) : null;

    private static double MeanDifference(byte[] before, byte[] after) => before.Zip(after, (b, a) => Math.Abs(b - a)).Average();

    private static double Spread(byte[] values)
    {
        var mean = values.Average(v => (double)v);
        return Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
    }

    private static double MeanDifference(byte[] before, byte[] after, int width, Func<int, int, bool> where)
    {
        var (sum, count) = (0L, 0L);
        for (var i = 0; i < before.Length; i++)
        {
            var pixel = i / 3;
            if (where(pixel % width, pixel / width))
            {
                sum += Math.Abs(before[i] - after[i]);
                count++;
            }
        }

        return (double)sum / count;
    }

    private static int MaxDifference(byte[] before, byte[] after, int width, Func<int, int, bool> where)
    {
        var most = 0;
        for (var i = 0; i < before.Length; i++)
        {
            var pixel = i / 3;
            if (where(pixel % width, pixel / width))
            {
                most = Math.Max(most, Math.Abs(before[i] - after[i]));
            }
        }

        return most;
    }

    /// <summary>A rectangle of pixels, right and bottom edges exclusive.</summary>
    private sealed record Region(int Left, int Top, int Right, int Bottom)
    {
        public bool Contains(int x, int y) => x >= Left && x < Right && y >= Top && y < Bottom;

        public int DistanceTo(int x, int y) =>
            Math.Max(Math.Max(Left - x, x - (Right - 1)), Math.Max(Math.Max(Top - y, y - (Bottom - 1)), 0));
    }
}
