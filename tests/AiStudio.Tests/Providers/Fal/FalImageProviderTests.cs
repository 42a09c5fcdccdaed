using AiStudio.Images.Providers;
using AiStudio.Providers;
using AiStudio.Providers.Fal;
using AiStudio.Tests.Api;
using AiStudio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiStudio.Tests.Providers.Fal;

public sealed class FalImageProviderTests : FalProviderTestBase
{
    private IImageProvider Provider => Services.GetRequiredService<IImageProvider>();

    [Fact]
    public async Task A_queued_job_reports_its_queue_position_until_it_runs()
    {
        Fal.Script = new FalJobScript(QueuePosition: 2, RunningPolls: 1);
        var taskId = await SubmitAsync(ImageJobKind.Enhance);

        var states = new List<(ProviderJobStatus, int?)>();
        for (var poll = 0; poll < 5; poll++)
        {
            var state = await Provider.GetStatusAsync(taskId, default);
            states.Add((state.Status, state.QueuePosition));
        }

        Assert.Equal(
            [(ProviderJobStatus.Queued, 2), (ProviderJobStatus.Queued, 1), (ProviderJobStatus.Queued, 0), (ProviderJobStatus.Running, null), (ProviderJobStatus.Succeeded, null)],
            states);
        await using var result = await Provider.FetchResultAsync(taskId, default);
        Assert.Equal(".png", result.FileExtension);
        Assert.Equal(Fal.Output, await ReadAllAsync(result.Content));
    }

    [Fact]
    public async Task An_enhance_job_uploads_its_source_to_fal_storage_and_sends_the_file_url_with_the_prompt()
    {
        var source = await WriteImageAsync("source.png", 16, 12);

        await Provider.SubmitAsync(new ImageJobRequest("job-1", ImageJobKind.Enhance, source, null, "sharper, brighter"), default);

        var request = Assert.Single(Fal.Requests);
        Assert.Equal(new FalModels().Enhance, request.Model);
        Assert.Equal("sharper, brighter", request.Input["prompt"]?.GetValue<string>());
        Assert.Equal(await File.ReadAllBytesAsync(source), Fal.FileAt(request.Input["image_url"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(ImageJobKind.InpaintRemove, "fal-ai/object-removal/mask", false)]
    [InlineData(ImageJobKind.InpaintAdd, "fal-ai/flux-pro/v1/fill", true)]
    public async Task An_inpaint_job_sends_the_mask_to_its_model_and_the_prompt_only_when_adding(ImageJobKind kind, string model, bool sendsPrompt)
    {
        var source = await WriteImageAsync("source.png", 16, 12);
        var mask = await WriteImageAsync("mask.png", 16, 12);

        await Provider.SubmitAsync(new ImageJobRequest("job-1", kind, source, mask, "a red balloon"), default);

        var request = Assert.Single(Fal.Requests);
        Assert.Equal((model, model), (request.Model, Provider.ModelFor(kind)));
        Assert.Equal(await File.ReadAllBytesAsync(mask), Fal.FileAt(request.Input["mask_url"]!.GetValue<string>()));
        Assert.Equal(sendsPrompt, request.Input.ContainsKey("prompt"));
    }

    [Theory]
    [InlineData(FalTestOutcome.ContentPolicyViolation, "Fal.ai content policy violation: The content could not be processed")]
    [InlineData(FalTestOutcome.RunnerDisconnected, "Fal.ai error (runner_disconnected): The runner disconnected")]
    [InlineData(FalTestOutcome.NoOutput, FalErrorMessages.NoResult)]
    public async Task A_job_that_ends_without_an_output_fails_with_fals_reason(FalTestOutcome outcome, string message)
    {
        Fal.Script = new FalJobScript(Outcome: outcome);
        var taskId = await SubmitAsync(ImageJobKind.Enhance);

        var state = await PollUntilFinishedAsync(taskId);

        Assert.Equal(ProviderJobStatus.Failed, state.Status);
        Assert.StartsWith(message, state.ErrorMessage);
    }

    [Fact]
    public async Task An_expired_output_cannot_be_retrieved_from_fal()
    {
        Fal.Script = new FalJobScript(Outcome: FalTestOutcome.OutputExpired);
        var taskId = await SubmitAsync(ImageJobKind.Enhance);
        Assert.Equal(ProviderJobStatus.Succeeded, (await PollUntilFinishedAsync(taskId)).Status);

        var failure = await Assert.ThrowsAsync<IOException>(() => Provider.FetchResultAsync(taskId, default));

        Assert.StartsWith(FalErrorMessages.ImageNotRetrieved + ": ", failure.Message);
    }

    [Fact]
    public async Task Canceling_a_queued_job_removes_it_from_the_queue()
    {
        Fal.Script = new FalJobScript(QueuePosition: 3);
        var taskId = await SubmitAsync(ImageJobKind.Enhance);
        Assert.Equal(ProviderJobStatus.Queued, (await Provider.GetStatusAsync(taskId, default)).Status);

        await Provider.CancelAsync(taskId, default);

        Assert.True(Assert.Single(Fal.Requests).Canceled);
        Assert.Equal(ProviderJobState.Failed(FalErrorMessages.Canceled), await Provider.GetStatusAsync(taskId, default));
    }

    [Theory]
    [InlineData(true, ProviderJobStatus.Failed)]
    [InlineData(false, ProviderJobStatus.Succeeded)]
    public async Task Canceling_a_running_job_stops_it_only_when_the_model_honours_cancel(bool honoursCancel, ProviderJobStatus outcome)
    {
        Fal.Script = new FalJobScript(RunningPolls: 2, HonoursCancel: honoursCancel);
        var taskId = await SubmitAsync(ImageJobKind.Enhance);
        await WaitUntil.ValueAsync(() => Provider.GetStatusAsync(taskId, default), state => state.Status == ProviderJobStatus.Running, "the job runs");

        await Provider.CancelAsync(taskId, default);

        Assert.Equal(outcome, (await PollUntilFinishedAsync(taskId)).Status);
    }

    [Fact]
    public async Task Canceling_a_finished_job_is_not_an_error()
    {
        var taskId = await SubmitAsync(ImageJobKind.Enhance);
        await PollUntilFinishedAsync(taskId);

        await Provider.CancelAsync(taskId, default);

        Assert.False(Assert.Single(Fal.Requests).Canceled);
    }

    [Fact]
    public async Task A_submit_shed_by_fal_with_429_or_503_is_retried_and_queues_one_request()
    {
        Fal.FailNextSubmits(429, 503);

        await SubmitAsync(ImageJobKind.Enhance);

        Assert.Equal((3, 1), (Fal.SubmitAttempts, Fal.Requests.Count));
    }

    [Fact]
    public async Task A_submit_that_may_have_reached_the_queue_is_not_retried()
    {
        Fal.FailNextSubmits(500);

        await Assert.ThrowsAsync<FalRequestException>(() => SubmitAsync(ImageJobKind.Enhance));

        Assert.Equal((1, 0), (Fal.SubmitAttempts, Fal.Requests.Count));
    }

    [Fact]
    public async Task A_status_poll_answered_429_or_503_is_retried()
    {
        Fal.Script = new FalJobScript(QueuePosition: 1);
        var taskId = await SubmitAsync(ImageJobKind.Enhance);
        Fal.FailNextStatusPolls(429, 503);

        var state = await Provider.GetStatusAsync(taskId, default);

        Assert.Equal((ProviderJobStatus.Queued, 1, 3), (state.Status, state.QueuePosition, Fal.StatusPolls));
    }

    [Fact]
    public async Task A_status_poll_still_failing_after_the_retries_says_fal_is_unavailable_not_that_the_job_failed()
    {
        var taskId = await SubmitAsync(ImageJobKind.Enhance);
        Fal.FailNextStatusPolls(Enumerable.Repeat(503, 10).ToArray());

        var unavailable = await Assert.ThrowsAsync<ProviderUnavailableException>(() => Provider.GetStatusAsync(taskId, default));

        Assert.Contains("Fal.ai", unavailable.Message);
    }

    [Theory]
    [InlineData("wrong-key", "Fal.ai refused the API key (set Fal:Key or FAL_KEY): No user found")]
    [InlineData(FalQueueTestDouble.LockedKey, "Fal.ai account balance exhausted: User is locked")]
    public async Task A_key_fal_refuses_fails_the_submit_saying_why(string key, string message)
    {
        await using var services = FalProviderServices.Build(Fal, new() { ["Fal:Key"] = key });
        var source = await WriteImageAsync("source.png", 16, 12);

        var failure = await Assert.ThrowsAsync<FalRequestException>(() =>
            services.GetRequiredService<IImageProvider>().SubmitAsync(new ImageJobRequest("job-1", ImageJobKind.Enhance, source, null, "p"), default));

        Assert.StartsWith(message, failure.Message);
    }

    [Fact]
    public async Task A_task_id_alone_re_attaches_to_the_request_after_a_restart()
    {
        Fal.Script = new FalJobScript(QueuePosition: 1);
        var taskId = await SubmitAsync(ImageJobKind.Enhance);
        await Services.DisposeAsync();

        // A silo that never saw the submit, with the key from FAL_KEY.
        Services = FalProviderServices.Build(Fal, new() { ["Fal:Key"] = null, ["FAL_KEY"] = FalQueueTestDouble.Key });

        Assert.Equal(ProviderJobStatus.Succeeded, (await PollUntilFinishedAsync(taskId)).Status);
        await using var result = await Provider.FetchResultAsync(taskId, default);
        Assert.Equal(Fal.Output, await ReadAllAsync(result.Content));
        Assert.Equal(1, Fal.SubmitAttempts);
    }

    [Fact]
    public async Task A_task_id_whose_urls_leave_the_fal_queue_is_unknown()
    {
        var elsewhere = new Uri("http://127.0.0.2:1/requests/1");
        var taskId = new FalTask("fal-ai/clarity-upscaler", "1", elsewhere, elsewhere, elsewhere).ToTaskId();

        Assert.Equal(ProviderJobState.Unknown, await Provider.GetStatusAsync(taskId, default));
        Assert.Equal(ProviderJobState.Unknown, await Provider.GetStatusAsync("lfi_0123", default));
    }

    [Fact]
    public async Task Without_a_key_the_host_does_not_start_and_says_where_to_set_it()
    {
        await using var services = FalProviderServices.Build(Fal, new() { ["Fal:Key"] = null });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<FalOptions>>().Value);

        Assert.Contains("Fal:Key", failure.Message);
        Assert.Contains("FAL_KEY", failure.Message);
    }

    private async Task<string> SubmitAsync(ImageJobKind kind) =>
        await Provider.SubmitAsync(new ImageJobRequest("job-1", kind, await WriteImageAsync("source.png", 16, 12), null, "enhance"), default);

    private async Task<ProviderJobState> PollUntilFinishedAsync(string taskId) =>
        await WaitUntil.ValueAsync(() => Provider.GetStatusAsync(taskId, default), state => state.IsFinished, "the fal job finishes");

    private async Task<string> WriteImageAsync(string name, int width, int height)
    {
        var path = Directory.File(name);
        await File.WriteAllBytesAsync(path, TestImages.Png(width, height));
        return path;
    }

    private static async Task<byte[]> ReadAllAsync(Stream content)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return copy.ToArray();
    }
}
