using AiStudio.Common;
using AiStudio.Storage;
using AiStudio.Tests.Infrastructure;
using AiStudio.Videos;

namespace AiStudio.Tests.Videos;

[Collection(VideoClusterCollection.Name)]
public sealed class VideoProjectLifecycleTests(VideoClusterFixture fixture)
{
    [Fact]
    public async Task Project_is_a_draft_with_its_clips_transitions_and_estimated_cost_after_creation()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 3, transitions: true, ambientAudio: true);

        Assert.Equal(VideoProjectStatus.Draft, project.Created.Status);
        Assert.Equal(5, project.Created.ClipCount);
        Assert.Equal(0, project.Created.CompletedClipCount);
        Assert.Equal(
            [ClipKind.Clip, ClipKind.Transition, ClipKind.Clip, ClipKind.Transition, ClipKind.Clip],
            project.Clips.Select(clip => clip.Kind));
        Assert.Equal([0, 1, 2, 3, 4], project.Clips.Select(clip => clip.SequenceOrder));
        Assert.All(project.Clips, clip =>
        {
            Assert.StartsWith(EntityIds.ClipPrefix, clip.Id);
            Assert.Equal(ClipStatus.Pending, clip.Status);
        });
        // Clips of 5, 10 and 5 seconds, two transitions, the compile and the ambient bed.
        var expected = 20 * VideoClusterFixture.ClipCentsPerSecond + 2 * VideoClusterFixture.TransitionCents
            + VideoClusterFixture.CompileCents + VideoClusterFixture.AmbientAudioCents;
        Assert.Equal(expected, project.Created.Cost.Estimated);
        Assert.Null(project.Created.Cost.Actual);
    }

    [Fact]
    public async Task Generating_a_project_without_clips_is_rejected()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 0);

        var rejection = await Assert.ThrowsAsync<RequestRejectedException>(() => project.Grain.GenerateAsync());

        Assert.Equal(VideoErrors.NoClips, rejection.Message);
        Assert.Equal(VideoProjectStatus.Draft, (await project.Grain.GetAsync())!.Status);
    }

    [Fact]
    public async Task Project_completes_with_exact_counts_output_and_actual_cost()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 4, transitions: true);

        await project.Grain.GenerateAsync();
        var completed = await project.WaitForAsync(VideoProjectStatus.Completed);

        Assert.Equal(7, completed.ClipCount);
        Assert.Equal(7, completed.CompletedClipCount);
        Assert.Equal(new VideoProgress(7, 7, 100), completed.Progress);
        Assert.Equal(VideoProjectSteps.Completed, completed.Step);
        Assert.Equal("Video ready!", completed.Label);
        Assert.Equal(100, completed.StepProgress);
        Assert.Equal(completed.Cost.Estimated, completed.Cost.Actual);
        Assert.NotNull(completed.Output);
        Assert.True(completed.Output.DurationSeconds > 0);
        Assert.True(await fixture.Blobs.ExistsAsync(completed.Output.VideoKey));
        Assert.True(await fixture.Blobs.ExistsAsync(completed.Output.ThumbnailKey));
        Assert.All(await project.GetClipsAsync(), clip =>
        {
            Assert.Equal(ClipStatus.Completed, clip.Status);
            Assert.Equal(BlobKeys.Clip(completed.WorkspaceId, project.Id, clip.Id), clip.ClipKey);
        });
        Assert.Equal(7, fixture.Provider.SubmissionsOf(project.ClipIds).Count);
    }

    [Fact]
    public async Task Generating_twice_at_once_starts_one_run()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 3);

        var calls = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            try
            {
                await project.Grain.GenerateAsync();
                return "started";
            }
            catch (TransitionRejectedException)
            {
                return "rejected";
            }
        }));
        await project.WaitForAsync(VideoProjectStatus.Completed);

        Assert.Equal(1, calls.Count(call => call == "started"));
        Assert.Equal(3, calls.Count(call => call == "rejected"));
        Assert.Equal(3, fixture.Provider.SubmissionsOf(project.ClipIds).Count);
        await Assert.ThrowsAsync<TransitionRejectedException>(() => project.Grain.GenerateAsync());
    }

    [Fact]
    public async Task Never_more_than_three_clips_of_a_project_are_in_flight()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 8);
        foreach (var clipId in project.ClipIds)
        {
            fixture.Provider.Script(clipId, new ScriptedTask(TimeSpan.FromMilliseconds(400)));
        }

        await project.Grain.GenerateAsync();
        await project.WaitForAsync(VideoProjectStatus.Completed);

        Assert.Equal(8, fixture.Provider.SubmissionsOf(project.ClipIds).Count);
        Assert.Equal(3, fixture.Provider.MaxInFlight(project.ClipIds));
    }

    [Fact]
    public async Task A_transition_is_submitted_only_after_both_its_neighbours_finished()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 4, transitions: true);
        var clips = project.Clips;
        // The last clip is the slowest, so the transition before it must wait for it.
        fixture.Provider.Script(clips[^1].Id, new ScriptedTask(TimeSpan.FromMilliseconds(900)));

        await project.Grain.GenerateAsync();
        await project.WaitForAsync(VideoProjectStatus.Completed);

        var submissions = fixture.Provider.SubmissionsOf(project.ClipIds).ToDictionary(submission => submission.ClipId);
        for (var i = 1; i < clips.Count; i += 2)
        {
            var transition = submissions[clips[i].Id];
            Assert.Equal(ClipKind.Transition, transition.Kind);
            Assert.True(transition.SubmittedAt > submissions[clips[i - 1].Id].FinishedAt);
            Assert.True(transition.SubmittedAt > submissions[clips[i + 1].Id].FinishedAt);
        }
    }

    [Fact]
    public async Task Progress_never_goes_backwards_from_starting_to_video_ready()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 4, transitions: true);

        await project.Grain.GenerateAsync();
        await project.WaitForAsync(VideoProjectStatus.Completed);
        var replay = await WaitUntil.ValueAsync(
            () => project.Grain.GetProgressSinceAsync(0)!,
            replay => replay!.Missed.Any(progressEvent => progressEvent.IsTerminal),
            "the terminal event is logged");
        var events = replay!.Missed;

        Assert.Equal(
            Enumerable.Range(1, events.Count).Select(sequence => (long)sequence),
            events.Select(progressEvent => progressEvent.Sequence));
        Assert.Equal(
            events.Select(progressEvent => progressEvent.Progress!.Value).Order(),
            events.Select(progressEvent => progressEvent.Progress!.Value));
        Assert.Equal((VideoProjectSteps.Starting, "Starting video generation…", 5), Describe(events[0]));
        Assert.Equal((VideoProjectSteps.Generating, "Generating 7 clips…", 10), Describe(events[1]));
        Assert.Equal((VideoProjectSteps.Completed, "Video ready!", 100), Describe(events[^1]));
        Assert.True(events[^1].IsTerminal);
        Assert.Single(events, progressEvent => progressEvent.IsTerminal);

        var generating = events.Where(progressEvent => progressEvent.Step == VideoProjectSteps.Generating).ToList();
        Assert.All(generating, progressEvent =>
        {
            Assert.InRange(progressEvent.Progress!.Value, 10, 70);
            Assert.Equal(7, progressEvent.TotalClips);
        });
        Assert.Equal(70, generating.Max(progressEvent => progressEvent.Progress));
        Assert.Equal(
            Enumerable.Range(1, 7),
            generating.Where(progressEvent => progressEvent.ClipIndex is not null).Select(progressEvent => progressEvent.ClipIndex!.Value).Distinct().Order());

        var compiling = events.Where(progressEvent => progressEvent.Step == VideoProjectSteps.Compiling).ToList();
        Assert.Equal((VideoProjectSteps.Compiling, "Compiling final video…", 75), Describe(compiling[0]));
        Assert.All(compiling, progressEvent => Assert.InRange(progressEvent.Progress!.Value, 75, 95));
    }

    [Fact]
    public async Task A_failed_clip_fails_the_project_with_its_error_keeps_the_completed_count_and_costs_the_completed_clips()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 4);
        var failing = project.Clips[1].Id;
        fixture.Provider.Script(failing, new ScriptedTask(TimeSpan.FromMilliseconds(50), FailWith: "Kling API error: Invalid image format"));

        await project.Grain.GenerateAsync();
        var failed = await project.WaitForAsync(VideoProjectStatus.Failed);

        Assert.Equal("Kling API error: Invalid image format", failed.Error);
        Assert.Equal(VideoProjectSteps.Failed, failed.Step);
        Assert.Equal("Kling API error: Invalid image format", failed.Label);
        var clips = await project.GetClipsAsync();
        var failedClip = Assert.Single(clips, clip => clip.Status == ClipStatus.Failed);
        Assert.Equal(failing, failedClip.Id);
        Assert.Equal("Kling API error: Invalid image format", failedClip.ErrorMessage);
        Assert.Equal(clips.Count(clip => clip.Status == ClipStatus.Completed), failed.CompletedClipCount);
        Assert.Null(failed.Output);
        // A failed project costs the clips it completed (VideoScenario alternates 5 s and 10 s clips), not the compile.
        var completedSeconds = clips.Where(clip => clip.Status == ClipStatus.Completed).Sum(clip => clip.SequenceOrder % 2 == 0 ? 5 : 10);
        Assert.Equal(completedSeconds * VideoClusterFixture.ClipCentsPerSecond, failed.Cost.Actual);
    }

    [Fact]
    public async Task Retry_regenerates_only_the_clips_that_are_not_completed()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 5, transitions: true);
        var failing = project.Clips[4].Id;
        fixture.Provider.Script(failing, new ScriptedTask(TimeSpan.FromMilliseconds(50), FailWith: "Kling API error: Video rendering failed"));
        await project.Grain.GenerateAsync();
        var failed = await project.WaitForAsync(VideoProjectStatus.Failed);
        var before = fixture.Provider.SubmissionsOf(project.ClipIds);
        var completedBefore = (await project.GetClipsAsync()).Where(clip => clip.Status == ClipStatus.Completed).Select(clip => clip.Id).ToList();

        fixture.Provider.Script(failing, new ScriptedTask(TimeSpan.FromMilliseconds(50)));
        await project.Grain.RetryAsync();
        var completed = await project.WaitForAsync(VideoProjectStatus.Completed);

        var after = fixture.Provider.SubmissionsOf(project.ClipIds);
        Assert.Equal(9, completed.CompletedClipCount);
        Assert.True(failed.CompletedClipCount > 0);
        Assert.Equal(completedBefore.Count, failed.CompletedClipCount);
        Assert.All(completedBefore, clipId => Assert.Single(after, submission => submission.ClipId == clipId));
        Assert.Equal(2, after.Count(submission => submission.ClipId == failing));
        Assert.Equal(9 - completedBefore.Count, after.Count - before.Count);
        Assert.Equal(completed.Cost.Estimated, completed.Cost.Actual);
    }

    [Fact]
    public async Task Retry_is_rejected_unless_the_project_failed()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 1);

        await Assert.ThrowsAsync<TransitionRejectedException>(() => project.Grain.RetryAsync());
        await project.Grain.GenerateAsync();
        await project.WaitForAsync(VideoProjectStatus.Completed);
        await Assert.ThrowsAsync<TransitionRejectedException>(() => project.Grain.RetryAsync());
    }

    [Fact]
    public async Task A_compile_that_FFmpeg_cannot_do_fails_the_project()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 2);
        fixture.Provider.Script(project.Clips[1].Id, new ScriptedTask(TimeSpan.FromMilliseconds(50), ResultPath: fixture.BrokenClipPath));

        await project.Grain.GenerateAsync();
        var failed = await project.WaitForAsync(VideoProjectStatus.Failed);

        Assert.Equal(VideoErrors.CompilationFailed, failed.Error);
        Assert.Equal(2, failed.CompletedClipCount);
        Assert.Null(failed.Output);
    }

    [Fact]
    public async Task After_a_retry_every_event_keeps_to_its_steps_range()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 2);
        // The compile fails in both runs, so the first run ends at 75 or more before the retry regenerates nothing.
        fixture.Provider.Script(project.Clips[1].Id, new ScriptedTask(TimeSpan.FromMilliseconds(50), ResultPath: fixture.BrokenClipPath));
        await project.Grain.GenerateAsync();
        await project.WaitForAsync(VideoProjectStatus.Failed);
        var firstRun = await TerminalEventsAsync(project, 1);

        await project.Grain.RetryAsync();
        var retried = (await TerminalEventsAsync(project, 2)).Skip(firstRun.Count).ToList();

        Assert.Equal(VideoProjectSteps.Generating, retried[0].Step);
        Assert.All(retried.Where(progressEvent => progressEvent.Step == VideoProjectSteps.Generating),
            progressEvent => Assert.InRange(progressEvent.Progress!.Value, 10, 70));
        Assert.All(retried.Where(progressEvent => progressEvent.Step == VideoProjectSteps.Compiling),
            progressEvent => Assert.InRange(progressEvent.Progress!.Value, 75, 95));
        Assert.Equal(retried.Select(progressEvent => progressEvent.Progress!.Value).Order(), retried.Select(progressEvent => progressEvent.Progress!.Value));
    }

    private static async Task<IReadOnlyList<Progress.ProgressEvent>> TerminalEventsAsync(VideoScenario project, int endings)
    {
        var replay = await WaitUntil.ValueAsync(
            () => project.Grain.GetProgressSinceAsync(0)!,
            replay => replay!.Missed.Count(progressEvent => progressEvent.IsTerminal) == endings,
            $"{endings} terminal events are logged");
        return replay!.Missed;
    }

    private static (string Step, string Label, int? Progress) Describe(Progress.ProgressEvent progressEvent) =>
        (progressEvent.Step, progressEvent.Label, progressEvent.Progress);
}
