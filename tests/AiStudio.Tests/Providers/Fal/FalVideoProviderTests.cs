using AiStudio.Media;
using AiStudio.Providers;
using AiStudio.Providers.Fal;
using AiStudio.Tests.Infrastructure;
using AiStudio.Videos.Providers;
using Microsoft.Extensions.DependencyInjection;

namespace AiStudio.Tests.Providers.Fal;

public sealed class FalVideoProviderTests : FalProviderTestBase
{
    private IVideoProvider Provider => Services.GetRequiredService<IVideoProvider>();

    [Fact]
    public async Task A_clip_job_sends_its_image_fitted_to_the_aspect_ratio_with_its_duration_and_prompt()
    {
        var source = Directory.File("source.png");
        await TestFfmpeg.RenderAsync("testsrc2=s=64x48", source, "-f", "image2");

        await Provider.SubmitAsync(new ClipJobRequest("clip-1", source, "waves roll in", 10, "9:16"), default);

        var request = Assert.Single(Fal.Requests);
        Assert.Equal((new FalModels().ImageToVideo, "10", "waves roll in", null), (request.Model, request.Input["duration"]?.GetValue<string>(), request.Input["prompt"]?.GetValue<string>(), request.ValidationError));
        var still = ImageSniffer.Sniff(Fal.FileAt(request.Input["image_url"]!.GetValue<string>()));
        Assert.Equal(("png", 720, 1280), (still?.Extension, still?.Width, still?.Height));
    }

    [Fact]
    public async Task A_transition_job_sends_the_last_frame_of_one_clip_and_the_first_of_the_next_to_the_transition_model()
    {
        var from = await RenderClipAsync("from.mp4", "red");
        var to = await RenderClipAsync("to.mp4", "blue");

        await Provider.SubmitAsync(new TransitionJobRequest("transition-1", from, to, "16:9"), default);

        var request = Assert.Single(Fal.Requests);
        Assert.Equal((new FalModels().Transition, null), (request.Model, request.ValidationError));
        var (startRed, startBlue) = await CentreRedAndBlueAsync(request.Input["image_url"]!.GetValue<string>());
        var (endRed, endBlue) = await CentreRedAndBlueAsync(request.Input["tail_image_url"]!.GetValue<string>());
        Assert.True(startRed > 200 && startBlue < 50, $"the start frame is red, not ({startRed}, {startBlue})");
        Assert.True(endBlue > 200 && endRed < 50, $"the end frame is blue, not ({endRed}, {endBlue})");
    }

    [Fact]
    public async Task A_finished_clip_is_re_encoded_into_the_projects_frame()
    {
        Fal.Output = await File.ReadAllBytesAsync(await RenderClipAsync("model.mp4", "green"));
        Fal.OutputContentType = "video/mp4";
        var source = Directory.File("source.png");
        await TestFfmpeg.RenderAsync("testsrc2=s=64x48", source, "-f", "image2");
        var taskId = await Provider.SubmitAsync(new ClipJobRequest("clip-1", source, "", 5, "1:1"), default);
        await WaitUntil.ValueAsync(() => Provider.GetStatusAsync(taskId, default), state => state.Status == ProviderJobStatus.Succeeded, "the clip is made");

        await using (var result = await Provider.FetchResultAsync(taskId, default))
        await using (var file = File.Create(Directory.File("clip.mp4")))
        {
            await result.Content.CopyToAsync(file);
        }

        var probe = await Services.GetRequiredService<FfmpegRunner>().RunFfprobeAsync(
            ["-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", Directory.File("clip.mp4")]);
        Assert.Equal("720,720", probe.StandardOutput.Trim());
    }

    private async Task<string> RenderClipAsync(string name, string colour)
    {
        var path = Directory.File(name);
        await TestFfmpeg.RunAsync(["-f", "lavfi", "-i", $"color=c={colour}:s=64x36:d=1:r=30", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-y", path]);
        return path;
    }

    private async Task<(int Red, int Blue)> CentreRedAndBlueAsync(string url)
    {
        var path = Directory.File(Guid.NewGuid().ToString("N") + ".png");
        await File.WriteAllBytesAsync(path, Fal.FileAt(url)!);
        var rgb = await TestFfmpeg.ReadRgbAsync(path);
        var centre = (rgb.Length / 3 / 2) * 3;
        return (rgb[centre], rgb[centre + 2]);
    }
}
