using System.Diagnostics;
using Xunit.Abstractions;

namespace AiStudio.Tests.Drills;

/// <summary>Drill 1: <c>kill -9</c> the silo doing the most work in the middle of generation.</summary>
[Collection(DrillCollection.Name)]
public sealed class SiloKillDrill(ITestOutputHelper output)
{
    private const int ImageCount = 50;

    [Fact]
    public async Task Every_image_completes_with_exact_counts_after_the_busiest_silo_is_killed_mid_generation()
    {
        await using var cluster = await DrillCluster.StartAsync(output, new DrillClusterOptions("silo-kill"));
        var api = new DrillApi(cluster.Http, cluster.Diagnostics);
        var photo = await DrillMedia.PhotoAsync();

        var projectId = await api.CreateProjectAsync("Drill 1: silo killed mid-generation");
        await using var events = await ProgressRecorder.StartAsync(cluster.Api.BaseAddress, DrillCluster.ApiKey, $"/v1/projects/{projectId}/events");
        var clock = Stopwatch.StartNew();
        var imageIds = await api.UploadImagesAsync(projectId, photo, ImageCount);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {ImageCount} images accepted.");

        var victim = await WaitForBusySiloAsync(cluster, api, projectId);
        await cluster.KillSiloAsync(victim);
        var killedAt = clock.Elapsed;
        await events.ReconnectAsync(TimeSpan.FromSeconds(60));

        await api.WaitForProjectDoneAsync(projectId, ImageCount, TimeSpan.FromMinutes(4));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: all images done, {(clock.Elapsed - killedAt).TotalSeconds:0.0} s after the kill.");
        await api.AssertEveryImageCompletedAsync(projectId, imageIds);

        var final = await events.WaitForAsync(
            data => data.TryGetProperty("completedCount", out var completed) && completed.GetInt32() == ImageCount,
            "the SSE client has received the event that completes the project",
            TimeSpan.FromSeconds(30));
        events.AssertContiguous();
        Assert.True(events.ImageCompletions().Keys.ToHashSet().SetEquals(imageIds), $"The SSE client saw every image complete. {events.Describe()}");
        output.WriteLine($"SSE: {events.Events.Count} events over {events.Connections} connections, ids {events.Events[0].Id}..{final.Id} contiguous.");

        var audit = ProviderAudit.Of(cluster);
        output.WriteLine($"Provider: {audit}.");
        Assert.Empty(audit.FinishedMoreThanOnce);
    }

    /// <summary>Waits until part of the work is done and a silo is running FFmpeg for it, and names that silo.</summary>
    private async Task<int> WaitForBusySiloAsync(DrillCluster cluster, DrillApi api, string projectId)
    {
        var busy = await Infrastructure.WaitUntil.ValueAsync(
            async () =>
            {
                var project = await api.GetProjectAsync(projectId);
                var completed = project.GetProperty("completedCount").GetInt32();
                return (Completed: completed, Silo: completed >= 3 ? cluster.SiloHostingMostWork() : null);
            },
            candidate => candidate.Silo is not null,
            "a few images are completed and a silo is running FFmpeg for the rest",
            TimeSpan.FromMinutes(2),
            cluster.Diagnostics);
        output.WriteLine($"{busy.Completed} of {ImageCount} images completed; silo-{busy.Silo} is running FFmpeg: killing it.");
        return busy.Silo!.Value;
    }
}
