using AiStudio.Common;
using AiStudio.Images;
using AiStudio.Images.Providers;
using AiStudio.Projects;
using AiStudio.Providers;
using AiStudio.Providers.Fal;
using AiStudio.Tests.Infrastructure;
using AiStudio.Tests.Providers.Fal;
using Microsoft.Extensions.DependencyInjection;

namespace AiStudio.Tests.Images;

/// <summary>Images made by fal (its test double) through the cluster: queue positions, the one fal slot, cancel, time-outs and errors.</summary>
[Collection(FalImageClusterCollection.Name)]
public sealed class FalImageProcessingTests(FalImageClusterFixture cluster)
{
    private FalQueueTestDouble Fal => cluster.Fal;

    private IImageGenerationGrain Image(string imageId) => cluster.Client.GetGrain<IImageGenerationGrain>(imageId);

    [Fact]
    public async Task Queue_positions_fal_reports_show_on_the_image_and_its_processing_events_until_it_runs()
    {
        Fal.Script = new FalJobScript(QueuePosition: 20);
        var project = await cluster.CreateProjectAsync();

        var image = await AddImageAsync(project.Id);
        var queued = await WaitUntil.ValueAsync(() => Image(image.Id).GetAsync(), seen => seen?.QueuePosition is not null, "fal queues the image");
        Assert.Equal(ImageStatus.Processing, queued!.Status);
        var completed = await cluster.WaitForStatusAsync(image.Id, ImageStatus.Completed);

        Assert.Null(completed.QueuePosition);
        var events = (await cluster.Client.GetGrain<IProjectGrain>(project.Id).GetProgressSinceAsync(0))!.Missed
            .Where(e => e.ImageId == image.Id && e.Step == "processing")
            .ToList();
        Assert.Equal(Enumerable.Range(0, 21).Reverse().Cast<int?>().Prepend(null).Append(null), events.Select(e => e.QueuePosition));
    }

    [Fact]
    public async Task While_fals_one_slot_is_taken_another_image_waits_in_line_and_canceling_each_settles_its_cost()
    {
        Fal.Script = new FalJobScript(QueuePosition: 100_000);
        var project = await cluster.CreateProjectAsync();
        var first = await AddImageAsync(project.Id);
        await WaitUntil.ConditionAsync(() => FalRequestOf(first) is not null, "fal has the first image");

        var second = await AddImageAsync(project.Id);
        await WaitUntil.ConditionAsync(
            async () => (await StepsOfAsync(project.Id, second.Id)).Contains("uploading"), "the second image is ready to submit");
        Assert.Equal(ImageStatus.Processing, (await Image(second.Id).GetAsync())!.Status);
        Assert.Null(FalRequestOf(second));

        var waiting = await Image(second.Id).CancelAsync();
        Assert.Equal(ImageStatus.Failed, waiting.Status);
        Assert.Equal(ImageGenerationGrain.CanceledMessage, waiting.ErrorMessage);
        Assert.Equal(0, waiting.Cost!.Actual);

        var submitted = await Image(first.Id).CancelAsync();
        Assert.Equal(submitted.Cost!.Estimated, submitted.Cost.Actual);
        await WaitUntil.ConditionAsync(() => FalRequestOf(first)!.Canceled, "fal is told to cancel the first image's request");
        Assert.Null(FalRequestOf(second));
        await Assert.ThrowsAsync<TransitionRejectedException>(() => Image(first.Id).CancelAsync());
        var counted = await cluster.Client.GetGrain<IProjectGrain>(project.Id).GetAsync();
        Assert.Equal((ProjectStatus.Failed, 2), (counted!.Status, counted.FailedCount));
    }

    [Fact]
    public async Task The_time_out_counts_from_when_fal_accepted_the_job_not_from_waiting_for_a_slot()
    {
        Fal.Script = new FalJobScript(QueuePosition: 100_000);
        var project = await cluster.CreateProjectAsync();
        var first = await AddImageAsync(project.Id);
        await WaitUntil.ConditionAsync(() => FalRequestOf(first) is not null, "fal has the first image");
        var second = await AddImageAsync(project.Id);

        var timedOut = await cluster.WaitForStatusAsync(first.Id, ImageStatus.Failed);
        Assert.StartsWith("Processing failed: no result after", timedOut.ErrorMessage);

        // The second image waited in line longer than the time-out, yet it is told of the freed slot at once (well before
        // its run would ask again) and goes on.
        await WaitUntil.ConditionAsync(
            () => FalRequestOf(second) is not null, "fal gets the second image once the slot is free", timeout: TimeSpan.FromSeconds(5));
        Assert.Equal(ImageStatus.Processing, (await Image(second.Id).GetAsync())!.Status);
        await Image(second.Id).CancelAsync();
    }

    [Fact]
    public async Task A_result_fal_cannot_deliver_fails_with_the_seeds_message_and_fals_detail()
    {
        Fal.Script = new FalJobScript(Outcome: FalTestOutcome.OutputExpired);
        var project = await cluster.CreateProjectAsync();

        var image = await AddImageAsync(project.Id);
        var failed = await cluster.WaitForStatusAsync(image.Id, ImageStatus.Failed, ImageStatus.Completed);

        Assert.StartsWith(FalErrorMessages.ImageNotRetrieved + ": ", failed.ErrorMessage);
        Assert.DoesNotContain(" at ", failed.ErrorMessage);
    }

    [Fact]
    public async Task A_model_that_returns_nothing_fails_the_image_with_the_seeds_message()
    {
        Fal.Script = new FalJobScript(Outcome: FalTestOutcome.NoOutput);
        var project = await cluster.CreateProjectAsync();

        var image = await AddImageAsync(project.Id);
        var failed = await cluster.WaitForStatusAsync(image.Id, ImageStatus.Failed, ImageStatus.Completed);

        Assert.Equal(ProviderErrorMessages.NoResult, failed.ErrorMessage);
    }

    [Fact]
    public async Task A_fal_outage_longer_than_the_http_retries_is_waited_out_not_blamed_on_the_image()
    {
        Fal.Script = new FalJobScript(QueuePosition: 1);
        var project = await cluster.CreateProjectAsync();
        var image = await AddImageAsync(project.Id);
        await WaitUntil.ConditionAsync(() => FalRequestOf(image) is not null, "fal has the image");
        var pollsBefore = Fal.StatusPolls;

        Fal.FailNextStatusPolls(Enumerable.Repeat(503, 15).ToArray());

        Assert.Equal(ImageStatus.Completed, (await cluster.WaitForStatusAsync(image.Id, ImageStatus.Completed, ImageStatus.Failed)).Status);
        Assert.True(Fal.StatusPolls - pollsBefore > 15);
    }

    [Fact]
    public async Task A_task_submitted_by_a_run_that_is_over_is_canceled_at_fal()
    {
        Fal.Script = new FalJobScript();
        var project = await cluster.CreateProjectAsync();
        var image = await AddImageAsync(project.Id);
        await cluster.WaitForStatusAsync(image.Id, ImageStatus.Completed);
        Fal.Script = new FalJobScript(QueuePosition: 100_000);
        await using var provider = FalProviderServices.Build(Fal);
        var late = image with { Prompt = "submitted too late" };
        var lateTask = await provider.GetRequiredService<IImageProvider>().SubmitAsync(
            new ImageJobRequest("late-job", ImageJobKind.Enhance, await cluster.SampleJpegAsync(), null, late.Prompt), default);

        Assert.False(await cluster.Client.GetGrain<IImageProcessing>(image.Id).RecordProviderTaskAsync(Guid.NewGuid(), lateTask));

        await WaitUntil.ConditionAsync(() => FalRequestOf(late)!.Canceled, "fal is told to cancel the late task");
    }

    /// <summary>An image with a prompt of its own, by which its fal request is told apart.</summary>
    private Task<ImageGeneration> AddImageAsync(string projectId) => cluster.AddImageAsync(projectId, $"sharper {Guid.NewGuid():N}");

    private FalTestRequest? FalRequestOf(ImageGeneration image) =>
        Fal.Requests.SingleOrDefault(request => request.Input["prompt"]?.GetValue<string>() == image.Prompt);

    private async Task<IReadOnlyList<string>> StepsOfAsync(string projectId, string imageId) =>
        (await cluster.Client.GetGrain<IProjectGrain>(projectId).GetProgressSinceAsync(0))!.Missed
            .Where(e => e.ImageId == imageId)
            .Select(e => e.Step)
            .ToList();
}
