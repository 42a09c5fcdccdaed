using AiStudio.Tests.Infrastructure;
using AiStudio.Videos;

namespace AiStudio.Tests.Videos;

/// <summary>What a clip does with its provider task: cancels it when nobody wants it, never submits for a run that is over, tells its queue position, rides out an outage.</summary>
[Collection(VideoClusterCollection.Name)]
public sealed class VideoClipProviderTaskTests(VideoClusterFixture fixture)
{
    [Fact]
    public async Task Cancel_cancels_the_provider_task_of_every_clip_in_flight()
    {
        var project = await GenerateWithThreeOfFourClipsInFlightAsync();

        await project.Grain.CancelAsync();

        var submitted = fixture.Provider.SubmissionsOf(project.ClipIds);
        await WaitUntil.ConditionAsync(
            () => submitted.All(submission => fixture.Provider.IsCanceled(submission.TaskId)), "every submitted task was canceled at the provider");
        ReleaseEveryTask(project);
        Assert.Equal(3, submitted.Count);
    }

    [Fact]
    public async Task A_run_whose_clip_was_stopped_while_it_submitted_cancels_the_task_it_just_submitted()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 1);
        var clipId = project.Clips[0].Id;
        fixture.Provider.Script(clipId, new ScriptedTask(TimeSpan.Zero, HoldSubmitUntilReleased: true));
        await project.Grain.GenerateAsync();
        await WaitUntil.ConditionAsync(() => fixture.Provider.IsSubmitWaiting(clipId), "the clip's submit reached the provider");

        await project.Grain.CancelAsync();
        fixture.Provider.Release(clipId);

        var submission = await WaitUntil.ValueAsync(
            () => Task.FromResult(fixture.Provider.SubmissionsOf([clipId]).SingleOrDefault()),
            submitted => submitted is not null && fixture.Provider.IsCanceled(submitted.TaskId),
            "the task submitted after the stop was canceled");
        var clip = Assert.Single(await project.GetClipsAsync());
        Assert.Equal((ClipStatus.Failed, VideoErrors.Canceled), (clip.Status, clip.ErrorMessage));
        Assert.Equal([submission!], fixture.Provider.SubmissionsOf([clipId]));
    }

    /// <summary>
    /// The clip wakes generating for run 1 after its project canceled that run, as a clip whose stop was lost does when
    /// its own reminder fires first: its run asks the project before submitting and stops instead.
    /// </summary>
    [Fact]
    public async Task A_clip_that_wakes_for_a_run_its_project_canceled_fails_with_Canceled_and_never_submits()
    {
        var project = await GenerateWithThreeOfFourClipsInFlightAsync();
        await project.Grain.CancelAsync();
        var late = project.Clips[3].Id;
        var clipGrain = fixture.Client.GetGrain<IVideoClipGrain>(late);

        var woken = await clipGrain.StartAsync(run: 1);
        var stopped = await WaitUntil.ValueAsync(
            async () => (await clipGrain.GetReportAsync())!,
            report => report.View.Status != ClipStatus.Generating || fixture.Provider.SubmissionsOf([late]).Count > 0,
            "the late clip stopped or submitted");

        ReleaseEveryTask(project);
        Assert.Empty(fixture.Provider.SubmissionsOf([late]));
        Assert.Equal(ClipStatus.Generating, woken.View.Status);
        Assert.Equal((ClipStatus.Failed, VideoErrors.Canceled, 1), (stopped.View.Status, stopped.View.ErrorMessage, stopped.Run));
        Assert.Equal(VideoProjectStatus.Failed, (await project.Grain.GetAsync())!.Status);
    }

    [Fact]
    public async Task Clip_events_carry_the_queue_position_each_time_the_provider_moves_it_and_null_once_the_task_runs()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 2);
        var queued = project.Clips[1].Id;
        fixture.Provider.Script(queued, new ScriptedTask(TimeSpan.FromMilliseconds(200), Queued: ScriptedTask.QueueStep * 3));

        await project.Grain.GenerateAsync();
        await project.WaitForAsync(VideoProjectStatus.Completed);

        var events = (await project.Grain.GetProgressSinceAsync(0))!.Missed;
        var aboutQueuedClip = events.Where(progressEvent => progressEvent.ClipIndex == 2).ToList();
        var positions = aboutQueuedClip.Where(progressEvent => progressEvent.QueuePosition is not null).ToList();
        var told = positions.Select(progressEvent => progressEvent.QueuePosition!.Value).ToList();

        // Each position once, as the provider moved it down to 0 (on a busy machine the first poll may come after position 2).
        Assert.Equal(told.Distinct().OrderDescending(), told);
        Assert.Equal([1, 0], told[^2..]);
        Assert.All(positions, progressEvent =>
        {
            Assert.Equal((VideoProjectSteps.Generating, 2), (progressEvent.Step, progressEvent.TotalClips));
            Assert.InRange(progressEvent.Progress!.Value, 10, 70);
        });
        var running = aboutQueuedClip[aboutQueuedClip.IndexOf(positions[^1]) + 1];
        Assert.Equal((VideoProjectSteps.Generating, null), (running.Step, running.QueuePosition));
        Assert.DoesNotContain(events, progressEvent => progressEvent.ClipIndex == 1 && progressEvent.QueuePosition is not null);
    }

    [Fact]
    public async Task A_provider_that_cannot_be_asked_for_a_while_does_not_fail_the_clip_before_its_deadline()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 1);
        var clipId = project.Clips[0].Id;
        fixture.Provider.Script(clipId, new ScriptedTask(TimeSpan.Zero, UnreachableFor: TimeSpan.FromSeconds(1)));

        await project.Grain.GenerateAsync();
        await project.WaitForAsync(VideoProjectStatus.Completed);

        Assert.Single(fixture.Provider.SubmissionsOf([clipId]));
    }

    /// <summary>A project of four clips whose tasks are held, generating with three of them submitted (its limit in flight) and the fourth pending.</summary>
    private async Task<VideoScenario> GenerateWithThreeOfFourClipsInFlightAsync()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 4);
        foreach (var clipId in project.ClipIds)
        {
            fixture.Provider.Script(clipId, new ScriptedTask(TimeSpan.Zero, HoldUntilReleased: true));
        }

        await project.Grain.GenerateAsync();
        await WaitUntil.ConditionAsync(
            () => fixture.Provider.SubmissionsOf(project.ClipIds).Count == 3, "three clips of the project were submitted");
        return project;
    }

    private void ReleaseEveryTask(VideoScenario project)
    {
        foreach (var clipId in project.ClipIds)
        {
            fixture.Provider.Release(clipId);
        }
    }
}
