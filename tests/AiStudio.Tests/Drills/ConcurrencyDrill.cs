using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace AiStudio.Tests.Drills;

/// <summary>Drill 5: many completions of one project at once from every silo, and the same generate sent many times at once.</summary>
[Collection(DrillCollection.Name)]
public sealed class ConcurrencyDrill(ITestOutputHelper output)
{
    private const int ImageCount = 500;
    private const int DuplicateGenerates = 8;

    [Fact]
    public async Task Five_hundred_images_finishing_across_silos_are_counted_exactly_and_duplicate_generates_start_one_run()
    {
        await using var cluster = await DrillCluster.StartAsync(output, new DrillClusterOptions("concurrency")
        {
            SiloSettings = new Dictionary<string, string?> { ["Media:MaxConcurrentJobs"] = "2" },
        });
        var api = new DrillApi(cluster.Http, cluster.Diagnostics);
        var sources = await api.CompletedImagesAsync("Drill 5: clip sources", await DrillMedia.PhotoAsync(), 2);
        var videoId = await api.CreateVideoProjectAsync("Drill 5: generated once", sources, transitions: true);
        var projectId = await api.CreateProjectAsync("Drill 5: 500 images at once");

        var clock = Stopwatch.StartNew();
        var imageIds = await api.UploadImagesAsync(projectId, await DrillMedia.ThumbnailAsync(), ImageCount);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {ImageCount} images accepted.");

        // Separate requests (no Idempotency-Key), all in flight together, as from several impatient clients.
        var answers = await Task.WhenAll(Enumerable.Range(0, DuplicateGenerates).Select(async _ =>
        {
            using var response = await cluster.Http.PostAsync($"/v1/video-projects/{videoId}/generate", null);
            return response.StatusCode;
        }));
        output.WriteLine($"{DuplicateGenerates} concurrent generates answered: {string.Join(", ", answers.Select(status => (int)status))}.");
        Assert.Single(answers, HttpStatusCode.Accepted);
        Assert.Equal(DuplicateGenerates - 1, answers.Count(status => status == HttpStatusCode.Conflict));

        await api.WaitForProjectDoneAsync(projectId, ImageCount, TimeSpan.FromMinutes(8));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: all images done.");
        await api.AssertEveryImageCompletedAsync(projectId, imageIds);
        await api.WaitForVideosDoneAsync([videoId], TimeSpan.FromMinutes(3));
        await api.AssertVideoCompletedAsync(videoId);

        var audit = ProviderAudit.Of(cluster);
        var finishesPerSilo = cluster.SiloOutputs().Select(silo => $"{silo.Silo}: {CountImageFinishes(silo.Output)}");
        output.WriteLine($"Provider: {audit}; images finished per silo: {string.Join(", ", finishesPerSilo)}.");
        Assert.Empty(audit.FinishedMoreThanOnce);
        Assert.Empty(audit.ClipsSubmittedMoreThanOnce);
        Assert.Equal(3, audit.VideoTasksPerClip.Count);
        Assert.All(cluster.SiloOutputs(), silo => Assert.True(CountImageFinishes(silo.Output) > 0, $"{silo.Silo} processed images too."));
    }

    private static int CountImageFinishes(string siloOutput) =>
        siloOutput.Split('\n').Count(line => line.Contains("Finished image job", StringComparison.Ordinal));
}
