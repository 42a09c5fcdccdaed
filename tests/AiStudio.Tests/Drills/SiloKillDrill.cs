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
        var imageIds = await UploadAsync(api, projectId, photo, ImageCount);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {ImageCount} images accepted.");

        var victim = await WaitForBusySiloAsync(cluster, api, projectId);
        await cluster.KillSiloAsync(victim);
        var killedAt = clock.Elapsed;
        await events.ReconnectAsync(TimeSpan.FromSeconds(60));

        var project = await api.WaitForProjectDoneAsync(projectId, ImageCount, TimeSpan.FromMinutes(4));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: all images done, {(clock.Elapsed - killedAt).TotalSeconds:0.0} s after the kill.");
        Assert.Equal("completed", project.GetProperty("status").GetString());
        Assert.Equal(ImageCount, project.GetProperty("imageCount").GetInt32());
        Assert.Equal(ImageCount, project.GetProperty("completedCount").GetInt32());
        Assert.Equal(0, project.GetProperty("failedCount").GetInt32());

        var images = await api.ListImagesAsync(projectId);
        Assert.Equal(imageIds.Order(), images.Select(image => image.GetProperty("id").GetString()!).Order());
        Assert.All(images, image => Assert.Equal("completed", image.GetProperty("status").GetString()));
        var result = await api.DownloadAsync(images[^1].GetProperty("resultImageUrl").GetString()!);
        Assert.True(result is [0xFF, 0xD8, 0xFF, ..], "The result of an image processed across the kill is a JPEG.");

        var final = await events.WaitForAsync(
            data => data.TryGetProperty("completedCount", out var completed) && completed.GetInt32() == ImageCount,
            "the SSE client has received the event that completes the project",
            TimeSpan.FromSeconds(30));
        events.AssertContiguous();
        var completedImages = events.Events
            .Where(recorded => recorded.Data.TryGetProperty("imageId", out _) && recorded.Data.GetProperty("step").GetString() == "completed")
            .Select(recorded => recorded.Data.GetProperty("imageId").GetString())
            .ToHashSet();
        Assert.True(completedImages.SetEquals(imageIds), $"The SSE client saw the completion of every image. {events.Describe()}");
        output.WriteLine($"SSE: {events.Events.Count} events over {events.Connections} connections, ids {events.Events[0].Id}..{final.Id} contiguous.");
    }

    internal static async Task<IReadOnlyList<string>> UploadAsync(DrillApi api, string projectId, byte[] photo, int count)
    {
        using var parallel = new SemaphoreSlim(6);
        var uploads = Enumerable.Range(1, count).Select(async number =>
        {
            await parallel.WaitAsync();
            try
            {
                return await api.UploadImageAsync(projectId, photo, $"drill image {number}: brighter, sharper");
            }
            finally
            {
                parallel.Release();
            }
        });
        return await Task.WhenAll(uploads);
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
