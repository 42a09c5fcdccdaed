using System.Diagnostics;
using AiStudio.Limits;
using AiStudio.Videos;
using Orleans.TestingHost;

namespace AiStudio.Tests.Videos;

public sealed class VideoResumeTests(TwoSiloVideoFixture fixture) : IClassFixture<TwoSiloVideoFixture>
{
    [Fact]
    public async Task Work_of_a_killed_silo_resumes_on_the_survivor_without_submitting_any_clip_twice()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 6, transitions: true);
        foreach (var clipId in project.ClipIds)
        {
            fixture.Provider.Script(clipId, new ScriptedTask(TimeSpan.Zero, HoldUntilReleased: true));
        }

        await project.Grain.GenerateAsync();
        await Infrastructure.WaitUntil.ConditionAsync(
            () => fixture.Provider.SubmissionsOf(project.ClipIds).Count == 3, "three clips were submitted and recorded");
        var victim = await SiloHostingMostOfAsync(fixture.Provider.SubmissionsOf(project.ClipIds).Select(submission => submission.ClipId));
        await fixture.Cluster.KillSiloAsync(victim);
        foreach (var clipId in project.ClipIds)
        {
            fixture.Provider.Release(clipId);
        }

        var completed = await project.WaitForAsync(VideoProjectStatus.Completed, TimeSpan.FromMinutes(2));

        Assert.Equal(11, completed.CompletedClipCount);
        var submissions = fixture.Provider.SubmissionsOf(project.ClipIds);
        Assert.Equal(11, submissions.Count);
        Assert.Equal(11, submissions.Select(submission => submission.ClipId).Distinct().Count());
        Assert.True(await fixture.Blobs.ExistsAsync(completed.Output!.VideoKey));
    }

    [Fact]
    public async Task Slots_held_by_holders_that_died_free_themselves_when_their_leases_run_out()
    {
        var slots = fixture.Client.GetGrain<IProviderSlotsGrain>(ScriptedVideoProvider.ProviderName);
        for (var i = 0; i < VideoClusterFixture.ProviderConcurrency; i++)
        {
            Assert.True(await slots.AcquireAsync($"clip_gone{i}", alreadyStarted: false));
        }

        var project = await VideoScenario.CreateAsync(fixture, clipCount: 1);
        var started = Stopwatch.GetTimestamp();
        await project.Grain.GenerateAsync();
        await project.WaitForAsync(VideoProjectStatus.Completed, TimeSpan.FromMinutes(1));

        var submission = Assert.Single(fixture.Provider.SubmissionsOf(project.ClipIds));
        Assert.True(
            Stopwatch.GetElapsedTime(started, submission.SubmittedAt) >= TwoSiloVideoFixture.ProviderLeaseDuration * 0.9,
            "The clip was submitted before the dead holders' leases ran out.");
    }

    /// <summary>The silo where most of these clips are active: killing it interrupts clips that recorded their provider tasks.</summary>
    private async Task<SiloHandle> SiloHostingMostOfAsync(IEnumerable<string> clipIds)
    {
        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        var hosts = new List<SiloAddress>();
        foreach (var clipId in clipIds)
        {
            if (await management.GetActivationAddress(fixture.Client.GetGrain<IVideoClipGrain>(clipId)) is { } host)
            {
                hosts.Add(host);
            }
        }

        var busiest = hosts.GroupBy(host => host).OrderByDescending(group => group.Count()).First().Key;
        return fixture.Cluster.GetActiveSilos().Single(silo => silo.SiloAddress.Equals(busiest));
    }
}
