using System.Diagnostics;
using AiStudio.Providers;
using AiStudio.Tests.Providers;
using AiStudio.Tests.Providers.Fal;
using Xunit.Abstractions;

namespace AiStudio.Tests.Drills;

/// <summary>
/// Drill 1 with fal as the provider of images and clips: silo processes with the real fal client against a
/// <see cref="FalQueueTestDouble"/> in the test process. The double holds every job running while the silo that queued
/// the most of them is killed with <c>kill -9</c>; its jobs must be re-attached elsewhere by the request recorded in
/// grain state, never submitted again. Each submit is attributed to its job by the job key our client puts in the
/// <c>fal_webhook</c> URL (<c>Api:PublicBaseUrl</c> is set; the double never calls it, so every job is polled).
/// </summary>
[Collection(DrillCollection.Name)]
public sealed class FalSiloKillDrill(ITestOutputHelper output) : IAsyncLifetime
{
    private const int ImageCount = 12;
    private const int VideoCount = 2;

    /// <summary>Two clips a video (<see cref="DrillApi.CreateVideoProjectAsync"/> makes one of each source): four clips and two transitions in all.</summary>
    private const int ClipsPerVideo = 2;

    private FalQueueTestDouble _fal = null!;

    public async Task InitializeAsync()
    {
        _fal = await FalQueueTestDouble.StartAsync();
        _fal.Output = await DrillMedia.ThumbnailAsync();
        _fal.OutputContentType = "image/jpeg";
        _fal.VideoOutput = await SampleClip.RenderAsync("320x320", seconds: 1);
    }

    public async Task DisposeAsync() => await _fal.DisposeAsync();

    [Fact]
    public async Task Every_image_and_clip_completes_with_one_fal_submit_each_after_the_silo_that_queued_most_jobs_is_killed()
    {
        await using var cluster = await DrillCluster.StartAsync(output, new DrillClusterOptions("fal-silo-kill") { SiloSettings = FalSettings() });
        var api = new DrillApi(cluster.Http, cluster.Diagnostics);
        var photo = await DrillMedia.ThumbnailAsync();
        var sources = await api.CompletedImagesAsync("Fal drill: clip sources", photo, 2);
        var projectId = await api.CreateProjectAsync("Fal drill: silo killed with jobs at fal");
        var videoIds = await api.CreateVideoProjectsAsync("Fal drill video", VideoCount, sources, transitions: _ => true);

        _fal.Held = true;
        var clock = Stopwatch.StartNew();
        var imageIds = await api.UploadImagesAsync(projectId, photo, ImageCount);
        foreach (var videoId in videoIds)
        {
            await api.GenerateAsync(videoId);
        }

        var victim = await WaitForJobsHeldAtFalAsync(cluster, imageIds);
        await cluster.KillSiloAsync(victim);
        await cluster.WaitForActiveSilosAsync(cluster.SiloIndexes.Count - 1);
        _fal.Held = false;
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: silo-{victim} killed and declared dead; fal lets the jobs finish.");

        await api.WaitForProjectDoneAsync(projectId, ImageCount, TimeSpan.FromMinutes(3));
        await api.WaitForVideosDoneAsync(videoIds, TimeSpan.FromMinutes(3));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: every image and video project is done.");

        await api.AssertEveryImageCompletedAsync(projectId, imageIds);
        var segmentIds = await api.AssertEveryVideoCompletedAsync(videoIds);

        var submits = _fal.Requests.Select(request => _fal.JobKeyOf(request.Id) ?? $"(request {request.Id} names no job)").ToList();
        output.WriteLine($"fal saw {_fal.SubmitAttempts} submits for {submits.Distinct().Count()} job keys.");
        Assert.Equal(_fal.Requests.Count, _fal.SubmitAttempts);
        Assert.All(submits.CountBy(jobKey => jobKey), submitted => Assert.Equal(1, submitted.Value));
        var submittedEntities = submits.Select(ProviderCallbackLinks.EntityIdOf).ToList();
        Assert.Equal(sources.Concat(imageIds).Concat(segmentIds).Order(), submittedEntities.Order());
    }

    /// <summary>
    /// Waits until fal holds a job of every uploaded image and every clip, each polled at least once: a job is polled only
    /// once its request is recorded in grain state, so no submit or its record is under way at the kill. Names the silo
    /// that queued the most of them, read from the <c>Queued fal request</c> lines of its log.
    /// </summary>
    private async Task<int> WaitForJobsHeldAtFalAsync(DrillCluster cluster, IReadOnlyList<string> imageIds)
    {
        await Infrastructure.WaitUntil.ConditionAsync(
            () => Task.FromResult(
                imageIds.All(imageId => _fal.Requests.Any(request => ProviderCallbackLinks.EntityIdOf(_fal.JobKeyOf(request.Id)) == imageId))
                && _fal.Requests.Count(request => request.Model.Contains("kling-video", StringComparison.Ordinal)) == ClipsPerVideo * VideoCount
                && _fal.Requests.All(request => _fal.PollsOf(request.Id) > 0)),
            "fal holds a polled job of every uploaded image and of every clip (transitions wait for their clips)",
            TimeSpan.FromMinutes(2),
            cluster.Diagnostics);
        var held = _fal.Requests.Where(request => request.Status != "COMPLETED").Select(request => request.Id).ToList();
        var (victim, queued) = cluster.SiloIndexes
            .Select(index => (Index: index, Queued: held.Count(id => cluster.Silo(index).Output.Contains($"Queued fal request {id}", StringComparison.Ordinal))))
            .MaxBy(silo => silo.Queued);
        Assert.True(queued > 0, $"A silo logged queuing one of the {held.Count} jobs fal holds.\n{cluster.Diagnostics()}");
        output.WriteLine($"fal holds {held.Count} jobs; silo-{victim} queued {queued} of them: killing it.");
        return victim;
    }

    private Dictionary<string, string?> FalSettings()
    {
        var settings = FalProviderServices.Settings(_fal);
        settings["Api:PublicBaseUrl"] = "https://studio.example";
        settings["Images:ProviderPollMaxInterval"] = "00:00:01";
        settings["Videos:ProviderPollMaxInterval"] = "00:00:01";
        // Every image and clip is at fal at once when the silo dies, so the cluster's fal limit must hold them all.
        settings["Providers:Concurrency:fal"] = (ImageCount + VideoCount * (ClipsPerVideo + 1)).ToString();
        return settings;
    }
}
