using AiStudio.Images.Providers;
using AiStudio.Media;
using AiStudio.Media.Images;
using AiStudio.Media.Video;
using AiStudio.Tests.Infrastructure;
using AiStudio.Tests.Media.Images;
using AiStudio.Videos.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiStudio.Tests.Media;

/// <summary><c>Media:MaxConcurrentJobs</c> bounds the FFmpeg processes of a silo, whatever feature starts them.</summary>
public sealed class FfmpegSlotLimitTests : IDisposable
{
    private const int Limit = 2;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Image_jobs_mask_preparation_clip_renders_and_soundtracks_together_never_run_more_ffmpeg_processes_than_the_limit()
    {
        var wrapper = new FfmpegWrapper(_directory.Path);
        wrapper.HoldRunsFor(TimeSpan.FromSeconds(0.5));
        var root = _directory.File("media");
        var source = Path.Combine(root, "sources", "photo.png");
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        await TestFfmpeg.RenderAsync("testsrc2=s=160x120", source, "-f", "image2");
        var mask = _directory.File("mask.png");
        await TestFfmpeg.RenderAsync("color=white:s=40x30", mask, "-f", "image2");
        await using var services = Services(root, wrapper.Path);
        var images = services.GetRequiredService<IImageProvider>();
        var videos = services.GetRequiredService<IVideoProvider>();
        var compiler = services.GetRequiredService<IVideoCompiler>();
        var masks = services.GetRequiredService<MaskPreparer>();

        var imageTasks = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            images.SubmitAsync(new ImageJobRequest($"image-{i}", ImageJobKind.Enhance, source, null, "enhance"), default)));
        var clipTask = await videos.SubmitAsync(new ClipJobRequest("clip-1", source, "pan", 5, "1:1"), default);
        await Task.WhenAll(
            masks.PrepareAsync(source, mask, _directory.File("prepared-mask.png")),
            compiler.PrepareSoundtrackAsync(new SoundtrackRequest(null, Ambient: true, DurationSeconds: 2), default),
            compiler.PrepareSoundtrackAsync(new SoundtrackRequest(null, Ambient: false, DurationSeconds: 2), default));
        foreach (var taskId in imageTasks)
        {
            await WaitUntil.ValueAsync(() => images.GetStatusAsync(taskId, default), state => state.IsFinished, $"image job {taskId} is finished", Timeout);
        }

        await WaitUntil.ValueAsync(() => videos.GetStatusAsync(clipTask, default), state => state.IsFinished, "the clip is rendered", Timeout);

        Assert.True(wrapper.Runs >= 9, $"only {wrapper.Runs} FFmpeg runs");
        Assert.Equal(Limit, wrapper.MostAtOnce);
    }

    private static ServiceProvider Services(string root, string ffmpegPath)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Root"] = root,
                ["Media:FfmpegPath"] = ffmpegPath,
                ["Media:MaxConcurrentJobs"] = Limit.ToString(),
            })
            .Build();
        return new ServiceCollection()
            .AddLogging()
            .AddMedia(configuration)
            .AddImageProviders(configuration)
            .AddVideoProviders(configuration)
            .BuildServiceProvider();
    }
}
