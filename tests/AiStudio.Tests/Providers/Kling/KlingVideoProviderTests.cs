using System.Net;
using AiStudio.Providers;
using AiStudio.Tests.Api;
using AiStudio.Tests.Infrastructure;
using AiStudio.Videos.Providers;
using AiStudio.Videos.Providers.Kling;
using Microsoft.Extensions.Options;

namespace AiStudio.Tests.Providers.Kling;

/// <summary>The Kling provider against <see cref="KlingTestDouble"/>: the brief's §5.3 scenarios.</summary>
public sealed class KlingVideoProviderTests(KlingMediaFixture media) : IClassFixture<KlingMediaFixture>, IAsyncLifetime
{
    private KlingTestDouble _kling = null!;

    public async Task InitializeAsync() => _kling = await KlingTestDouble.StartAsync(await File.ReadAllBytesAsync(media.RedClip));

    public async Task DisposeAsync() => await _kling.DisposeAsync();

    [Fact]
    public async Task Clip_is_created_under_its_job_key_then_queued_running_and_its_video_downloaded()
    {
        await using var host = KlingProviderHost.Start(media.StorageRoot, _kling);
        var taskId = await host.Provider.SubmitAsync(Clip("clip_a-1", seconds: 10), CancellationToken.None);

        var create = Assert.Single(_kling.Creates);
        Assert.Equal("clip_a-1", (string?)create["external_task_id"]);
        Assert.Equal("10", (string?)create["duration"]);
        Assert.Equal("kling-v2-1", (string?)create["model_name"]);
        Assert.Equal("std", (string?)create["mode"]);
        Assert.Equal("a slow pan", (string?)create["prompt"]);
        Assert.False(create.ContainsKey("image_tail"));
        Assert.Equal(ProviderJobStatus.Queued, (await host.Provider.GetStatusAsync(taskId, CancellationToken.None)).Status);
        Assert.Equal(ProviderJobStatus.Running, (await host.Provider.GetStatusAsync(taskId, CancellationToken.None)).Status);
        Assert.Equal(ProviderJobStatus.Succeeded, (await host.Provider.GetStatusAsync(taskId, CancellationToken.None)).Status);

        await using var result = await host.Provider.FetchResultAsync(taskId, CancellationToken.None);
        using var copy = new MemoryStream();
        await result.Content.CopyToAsync(copy);
        Assert.Equal(".mp4", result.FileExtension);
        Assert.Equal(_kling.Video, copy.ToArray());
    }

    [Fact]
    public async Task Transition_in_pro_mode_starts_on_the_last_frame_of_one_clip_and_ends_on_the_first_of_the_next()
    {
        await using var host = KlingProviderHost.Start(media.StorageRoot, _kling, settings => settings["Kling:Mode"] = "pro");
        await host.Provider.SubmitAsync(new TransitionJobRequest("transition_a-1", media.RedClip, media.BlueClip, "16:9"), CancellationToken.None);

        var create = Assert.Single(_kling.Creates);
        Assert.Equal("5", (string?)create["duration"]);
        var start = await MeanColourAsync((string)create["image"]!);
        var end = await MeanColourAsync((string)create["image_tail"]!);
        Assert.True(start.Red > 200 && start.Blue < 60, $"The start frame is {start}, not red.");
        Assert.True(end.Blue > 200 && end.Red < 60, $"The end frame is {end}, not blue.");
    }

    [Fact]
    public async Task Transition_in_std_mode_sends_no_end_frame_which_the_mode_would_refuse()
    {
        await using var host = KlingProviderHost.Start(media.StorageRoot, _kling);
        await host.Provider.SubmitAsync(new TransitionJobRequest("transition_b-1", media.RedClip, media.BlueClip, "9:16"), CancellationToken.None);

        var create = Assert.Single(_kling.Creates);
        Assert.False(create.ContainsKey("image_tail"));
        Assert.True((await MeanColourAsync((string)create["image"]!)).Red > 200);
    }

    [Fact]
    public async Task A_create_asks_for_a_callback_naming_the_job_on_the_public_url()
    {
        await using var host = KlingProviderHost.Start(media.StorageRoot, _kling, settings => settings["Api:PublicBaseUrl"] = "https://studio.example/");
        await host.Provider.SubmitAsync(Clip("clip_a-3"), CancellationToken.None);

        Assert.Equal("https://studio.example/v1/provider-callbacks/kling?job=clip_a-3", (string?)Assert.Single(_kling.Creates)["callback_url"]);
    }

    [Fact]
    public async Task Without_a_public_url_no_callback_is_asked_for_and_the_task_is_polled()
    {
        await using var host = KlingProviderHost.Start(media.StorageRoot, _kling, settings => settings.Remove("Api:PublicBaseUrl"));
        await host.Provider.SubmitAsync(Clip("clip_a-1"), CancellationToken.None);

        Assert.False(Assert.Single(_kling.Creates).ContainsKey("callback_url"));
    }

    [Fact]
    public async Task Token_is_replaced_before_it_expires()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var kling = await KlingTestDouble.StartAsync([0], clock);
        await using var host = KlingProviderHost.Start(media.StorageRoot, kling, clock: clock);

        await host.Provider.GetStatusAsync("867", CancellationToken.None);
        clock.Now += TimeSpan.FromMinutes(40);
        await host.Provider.GetStatusAsync("867", CancellationToken.None);

        Assert.Equal(2, kling.AcceptedTokens);
    }

    [Fact]
    public async Task Token_refused_as_expired_is_replaced_and_the_call_repeated()
    {
        await using var host = KlingProviderHost.Start(media.StorageRoot, _kling);
        await host.Provider.GetStatusAsync("867", CancellationToken.None);
        _kling.ExpireNextToken();

        Assert.Equal(ProviderJobStatus.Unknown, (await host.Provider.GetStatusAsync("867", CancellationToken.None)).Status);
        Assert.Equal(2, _kling.AcceptedTokens);
    }

    [Fact]
    public async Task Token_signed_with_another_secret_fails_the_submit_as_an_authentication_error()
    {
        await using var host = KlingProviderHost.Start(media.StorageRoot, _kling, settings => settings["Kling:SecretKey"] = "another-secret-0123456789abcdef-0123456789abcdef");

        var refusal = await Assert.ThrowsAsync<KlingApiException>(() => host.Provider.SubmitAsync(Clip("clip_c-1"), CancellationToken.None));
        Assert.Equal(1002, refusal.Code);
        Assert.StartsWith("Kling API error: authentication failed", refusal.Message);
        Assert.Equal(0, _kling.TaskCount);
    }

    [Fact]
    public async Task Concurrency_refusal_1303_is_waited_out_as_queued_and_not_yet_accepted_then_created_once_a_slot_frees()
    {
        _kling.Concurrency = 1;
        await using var host = KlingProviderHost.Start(media.StorageRoot, _kling);
        var first = await host.Provider.SubmitAsync(Clip("clip_d-1"), CancellationToken.None);
        var second = await host.Provider.SubmitAsync(Clip("clip_e-1"), CancellationToken.None);

        Assert.Equal("clip_e-1", second);
        Assert.Equal(1, _kling.TaskCount);
        var waiting = await host.Provider.GetStatusAsync(second, CancellationToken.None);
        Assert.Equal((ProviderJobStatus.Queued, false), (waiting.Status, waiting.IsAccepted));

        await WaitUntil.ValueAsync(() => host.Provider.GetStatusAsync(first, CancellationToken.None), state => state.IsFinished, "the first task finishes");
        var state = await WaitUntil.ValueAsync(
            () => host.Provider.GetStatusAsync(second, CancellationToken.None), state => state.IsFinished, "the waiting task is created and finishes");
        Assert.Equal(ProviderJobStatus.Succeeded, state.Status);
        Assert.Equal(["clip_d-1", "clip_e-1"], _kling.Creates.Select(create => (string?)create["external_task_id"]));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, 1302)]
    [InlineData(HttpStatusCode.ServiceUnavailable, 5001)]
    [InlineData(HttpStatusCode.GatewayTimeout, 5002)]
    public async Task Query_refused_for_a_passing_reason_is_retried(HttpStatusCode status, int code)
    {
        await using var host = KlingProviderHost.Start(media.StorageRoot, _kling);
        var taskId = await host.Provider.SubmitAsync(Clip("clip_f-1"), CancellationToken.None);
        _kling.RefuseNextQuery(status, code, "try again later");
        _kling.RefuseNextQuery(status, code, "try again later");

        Assert.Equal(ProviderJobStatus.Queued, (await host.Provider.GetStatusAsync(taskId, CancellationToken.None)).Status);
        Assert.Equal(0, _kling.PendingFaults);
    }

    [Fact]
    public async Task Create_whose_answer_was_lost_is_found_again_by_its_job_key_and_made_only_once()
    {
        await using var host = KlingProviderHost.Start(media.StorageRoot, _kling);
        _kling.DropNextCreateAnswer();

        var recorded = await host.Provider.SubmitAsync(Clip("clip_g-1"), CancellationToken.None);
        Assert.Equal(ProviderJobStatus.Queued, (await host.Provider.GetStatusAsync(recorded, CancellationToken.None)).Status);
        var resubmitted = await host.Provider.SubmitAsync(Clip("clip_g-1"), CancellationToken.None);
        var state = await WaitUntil.ValueAsync(() => host.Provider.GetStatusAsync(resubmitted, CancellationToken.None), state => state.IsFinished, "the task finishes");

        Assert.Equal(ProviderJobStatus.Succeeded, state.Status);
        Assert.Equal(1, _kling.TaskCount);
        Assert.Single(_kling.Creates);
    }

    [Fact]
    public async Task Job_key_submitted_again_after_a_crash_reattaches_to_its_task()
    {
        await using var first = KlingProviderHost.Start(media.StorageRoot, _kling);
        var taskId = await first.Provider.SubmitAsync(Clip("clip_h-1"), CancellationToken.None);
        await using var second = KlingProviderHost.Start(media.StorageRoot, _kling);

        Assert.Equal(taskId, await second.Provider.SubmitAsync(Clip("clip_h-1"), CancellationToken.None));
        Assert.Equal(1, _kling.TaskCount);
    }

    [Fact]
    public async Task Invalid_image_refusal_fails_the_submit_with_the_seed_message()
    {
        await using var host = KlingProviderHost.Start(media.StorageRoot, _kling);
        _kling.RefuseNextCreate(HttpStatusCode.BadRequest, 1201, "Invalid image format");

        var refusal = await Assert.ThrowsAsync<KlingApiException>(() => host.Provider.SubmitAsync(Clip("clip_i-1"), CancellationToken.None));
        Assert.Equal(VideoProviderErrors.InvalidImageFormat, refusal.Message);
    }

    [Fact]
    public async Task Source_that_is_no_picture_fails_with_the_seed_message_before_reaching_Kling()
    {
        await using var host = KlingProviderHost.Start(media.StorageRoot, _kling);

        var refusal = await Assert.ThrowsAsync<ArgumentException>(
            () => host.Provider.SubmitAsync(new ClipJobRequest("clip_j-1", media.NotAnImage, "", 5, "16:9"), CancellationToken.None));
        Assert.Equal(VideoProviderErrors.InvalidImageFormat, refusal.Message);
        Assert.Equal(0, _kling.TaskCount);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, 1102, "resource pack exhausted", "Kling API error: account balance exhausted (resource pack exhausted)")]
    [InlineData(HttpStatusCode.BadRequest, 1301, "content security policy triggered", "Kling API error: content policy violation (content security policy triggered)")]
    public async Task Balance_and_content_policy_refusals_are_named_as_such(HttpStatusCode status, int code, string detail, string message)
    {
        await using var host = KlingProviderHost.Start(media.StorageRoot, _kling);
        _kling.RefuseNextCreate(status, code, detail);

        var refusal = await Assert.ThrowsAsync<KlingApiException>(() => host.Provider.SubmitAsync(Clip("clip_k-1"), CancellationToken.None));
        Assert.Equal(message, refusal.Message);
    }

    [Fact]
    public async Task Failed_task_reports_Kling_reason()
    {
        _kling.FailTasksWith = "Failure to pass the risk control system";
        await using var host = KlingProviderHost.Start(media.StorageRoot, _kling);
        var taskId = await host.Provider.SubmitAsync(Clip("clip_l-1"), CancellationToken.None);

        var state = await WaitUntil.ValueAsync(() => host.Provider.GetStatusAsync(taskId, CancellationToken.None), state => state.IsFinished, "the task finishes");
        Assert.Equal(ProviderJobState.Failed("Kling API error: Failure to pass the risk control system"), state);
    }

    [Fact]
    public async Task Missing_keys_stop_the_host_naming_them()
    {
        await using var host = KlingProviderHost.Start(media.StorageRoot, _kling, settings => settings.Remove("Kling:SecretKey"));

        var refusal = Assert.Throws<OptionsValidationException>(() => host.Provider);
        Assert.Contains("Kling:AccessKey and Kling:SecretKey", refusal.Message);
    }

    private ClipJobRequest Clip(string jobKey, int seconds = 5) => new(jobKey, media.SourceImage, "a slow pan", seconds, "16:9");

    private async Task<(int Red, int Green, int Blue)> MeanColourAsync(string base64)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("frame.jpg");
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(base64));
        var pixels = await TestFfmpeg.ReadRgbAsync(path);
        var count = pixels.Length / 3;
        int Mean(int channel) => (int)(Enumerable.Range(0, count).Sum(pixel => (long)pixels[(pixel * 3) + channel]) / count);
        return (Mean(0), Mean(1), Mean(2));
    }
}
