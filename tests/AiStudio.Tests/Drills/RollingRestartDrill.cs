using System.Diagnostics;
using Xunit.Abstractions;

namespace AiStudio.Tests.Drills;

/// <summary>Drill 2: a rolling restart, each silo stopped gracefully (SIGTERM) and started again while work goes on.</summary>
[Collection(DrillCollection.Name)]
public sealed class RollingRestartDrill(ITestOutputHelper output)
{
    private const int ImageCount = 60;
    private const int VideoCount = 2;

    [Fact]
    public async Task A_rolling_restart_during_work_loses_nothing_and_duplicates_nothing()
    {
        await using var cluster = await DrillCluster.StartAsync(output, new DrillClusterOptions("rolling-restart"));
        var api = new DrillApi(cluster.Http, cluster.Diagnostics);
        var photo = await DrillMedia.PhotoAsync();
        var sources = await api.CompletedImagesAsync("Drill 2: clip sources", photo, 2);
        var videoIds = new List<string>();
        for (var i = 1; i <= VideoCount; i++)
        {
            videoIds.Add(await api.CreateVideoProjectAsync($"Drill 2 video {i}", sources, transitions: true));
        }

        var projectId = await api.CreateProjectAsync("Drill 2: rolling restart");
        await using var events = await ProgressRecorder.StartAsync(cluster.Api.BaseAddress, DrillCluster.ApiKey, $"/v1/projects/{projectId}/events");
        var clock = Stopwatch.StartNew();
        var imageIds = await api.UploadImagesAsync(projectId, photo, ImageCount);
        foreach (var videoId in videoIds)
        {
            await api.GenerateAsync(videoId);
        }

        foreach (var silo in cluster.SiloIndexes)
        {
            var completed = (await api.GetProjectAsync(projectId)).GetProperty("completedCount").GetInt32();
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {completed} of {ImageCount} images completed; restarting silo-{silo}.");
            if (silo == cluster.SiloIndexes[0])
            {
                Assert.True(completed < ImageCount, "The restart begins while the images are still being processed.");
            }

            var restart = Stopwatch.StartNew();
            await cluster.StopSiloAsync(silo);
            var stopped = restart.Elapsed;
            cluster.StartSilo(silo);
            await cluster.WaitForActiveSilosAsync(cluster.SiloIndexes.Count);
            output.WriteLine($"silo-{silo}: stopped in {stopped.TotalSeconds:0.0} s, back in the cluster {restart.Elapsed.TotalSeconds:0.0} s after SIGTERM.");
        }

        await api.WaitForProjectDoneAsync(projectId, ImageCount, TimeSpan.FromMinutes(4));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: all images done.");
        await api.AssertEveryImageCompletedAsync(projectId, imageIds);
        await api.WaitForVideosDoneAsync(videoIds, TimeSpan.FromMinutes(3));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: all video projects done.");
        foreach (var videoId in videoIds)
        {
            await api.AssertVideoCompletedAsync(videoId);
        }

        await events.WaitForAsync(
            data => data.TryGetProperty("completedCount", out var count) && count.GetInt32() == ImageCount,
            "the SSE client has received the event that completes the project",
            TimeSpan.FromSeconds(30));
        events.AssertContiguous();
        var completions = events.ImageCompletions();
        Assert.True(completions.Keys.ToHashSet().SetEquals(imageIds), $"The SSE client saw every image complete. {events.Describe()}");
        Assert.All(completions, completion => Assert.True(completion.Value == 1, $"Image {completion.Key} completed {completion.Value} times."));
        output.WriteLine($"SSE: {events.Events.Count} events over {events.Connections} connections, contiguous.");

        var audit = ProviderAudit.Of(cluster);
        output.WriteLine($"Provider: {audit}.");
        Assert.Empty(audit.FinishedMoreThanOnce);
        Assert.Empty(audit.ClipsSubmittedMoreThanOnce);
        Assert.Equal(3 * VideoCount, audit.VideoTasksPerClip.Count);
    }
}
