using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace AiStudio.Tests.Drills;

/// <summary>Drill 1: <c>kill -9</c> the silo doing the most work in the middle of generation.</summary>
[Collection(DrillCollection.Name)]
public sealed class SiloKillDrill(ITestOutputHelper output)
{
    private const int ImageCount = 50;
    private const int VideoCount = 5;

    [Fact]
    public async Task All_work_completes_with_exact_counts_and_no_clip_submitted_twice_after_the_busiest_silo_is_killed()
    {
        await using var cluster = await DrillCluster.StartAsync(output, new DrillClusterOptions("silo-kill"));
        var api = new DrillApi(cluster.Http, cluster.Diagnostics);
        var photo = await DrillMedia.PhotoAsync();
        var sources = await api.CompletedImagesAsync("Drill 1: clip sources", photo, 2);

        var projectId = await api.CreateProjectAsync("Drill 1: silo killed mid-generation");
        var videoIds = await api.CreateVideoProjectsAsync("Drill 1 video", VideoCount, sources, transitions: i => i % 2 == 1);

        await using var imageEvents = await ProgressRecorder.StartAsync(cluster.Api.BaseAddress, DrillCluster.ApiKey, $"/v1/projects/{projectId}/events");
        await using var videoEvents = await ProgressRecorder.StartAsync(
            cluster.Api.BaseAddress, DrillCluster.ApiKey, $"/v1/video-projects/{videoIds[0]}/events", IsTerminal);
        var clock = Stopwatch.StartNew();
        var imageIds = await api.UploadImagesAsync(projectId, photo, ImageCount);
        foreach (var videoId in videoIds)
        {
            await api.GenerateAsync(videoId);
        }

        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {ImageCount} images accepted, {VideoCount} video projects generating.");

        var victim = await WaitForBusySiloAsync(cluster, api, projectId, videoIds);
        await cluster.KillSiloAsync(victim);
        var killedAt = clock.Elapsed;
        await imageEvents.ReconnectAsync(TimeSpan.FromSeconds(60));
        await videoEvents.ReconnectAsync(TimeSpan.FromSeconds(60));

        await api.WaitForProjectDoneAsync(projectId, ImageCount, TimeSpan.FromMinutes(4));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: all images done, {(clock.Elapsed - killedAt).TotalSeconds:0.0} s after the kill.");
        await api.WaitForVideosDoneAsync(videoIds, TimeSpan.FromMinutes(4));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: all video projects done, {(clock.Elapsed - killedAt).TotalSeconds:0.0} s after the kill.");

        await api.AssertEveryImageCompletedAsync(projectId, imageIds);
        var clipIds = await api.AssertEveryVideoCompletedAsync(videoIds);

        await imageEvents.WaitForAsync(
            data => data.TryGetProperty("completedCount", out var completed) && completed.GetInt32() == ImageCount,
            "the SSE client has received the event that completes the image project",
            TimeSpan.FromSeconds(30));
        imageEvents.AssertContiguous();
        Assert.True(imageEvents.ImageCompletions().Keys.ToHashSet().SetEquals(imageIds), $"The SSE client saw every image complete. {imageEvents.Describe()}");
        await videoEvents.WaitForAsync(IsTerminal, "the SSE client has received the video's terminal event", TimeSpan.FromSeconds(30));
        videoEvents.AssertContiguous();
        output.WriteLine($"SSE: images {imageEvents.Events.Count} events over {imageEvents.Connections} connections, " +
            $"video {videoEvents.Events.Count} events over {videoEvents.Connections} connections, both contiguous.");

        var audit = ProviderAudit.Of(cluster);
        output.WriteLine($"Provider: {audit}.");
        Assert.Empty(audit.FinishedMoreThanOnce);
        Assert.Empty(audit.ClipsSubmittedMoreThanOnce);
        Assert.Equal(clipIds.Order(), audit.VideoTasksPerClip.Keys.Order());
    }

    private static bool IsTerminal(JsonElement data) => data.GetProperty("status").GetString() is "completed" or "failed";

    /// <summary>Waits until part of the work is done and a silo is running FFmpeg for the rest, and names that silo.</summary>
    private async Task<int> WaitForBusySiloAsync(DrillCluster cluster, DrillApi api, string projectId, IReadOnlyList<string> videoIds)
    {
        var busy = await Infrastructure.WaitUntil.ValueAsync(
            async () =>
            {
                var completedImages = (await api.GetProjectAsync(projectId)).GetProperty("completedCount").GetInt32();
                var videos = await Task.WhenAll(videoIds.Select(api.GetVideoAsync));
                var completedClips = videos.Sum(video => video.GetProperty("completedClipCount").GetInt32());
                var generating = videos.Count(video => video.GetProperty("status").GetString() == "generating");
                var midway = completedImages >= 3 && completedClips >= 1 && generating >= 2;
                return (Images: completedImages, Clips: completedClips, Generating: generating, Silo: midway ? cluster.SiloHostingMostWork() : null);
            },
            state => state.Silo is not null,
            "a few images and clips are completed, videos are still generating and a silo is running FFmpeg",
            TimeSpan.FromMinutes(3),
            cluster.Diagnostics);
        output.WriteLine($"{busy.Images} of {ImageCount} images and {busy.Clips} clips completed, {busy.Generating} videos generating; " +
            $"silo-{busy.Silo} runs the most FFmpeg processes: killing it.");
        return busy.Silo!.Value;
    }
}
