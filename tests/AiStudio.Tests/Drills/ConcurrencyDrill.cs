using System.Diagnostics;
using Xunit.Abstractions;

namespace AiStudio.Tests.Drills;

/// <summary>Drill 5: many completions of one project at once, from every silo.</summary>
[Collection(DrillCollection.Name)]
public sealed class ConcurrencyDrill(ITestOutputHelper output)
{
    private const int ImageCount = 500;

    [Fact]
    public async Task Five_hundred_images_of_one_project_finishing_across_silos_are_counted_exactly()
    {
        await using var cluster = await DrillCluster.StartAsync(output, new DrillClusterOptions("concurrency")
        {
            SiloSettings = new Dictionary<string, string?> { ["Media:MaxConcurrentJobs"] = "2" },
        });
        var api = new DrillApi(cluster.Http, cluster.Diagnostics);
        var thumbnail = await DrillMedia.ThumbnailAsync();
        var projectId = await api.CreateProjectAsync("Drill 5: 500 images at once");

        var clock = Stopwatch.StartNew();
        var imageIds = await api.UploadImagesAsync(projectId, thumbnail, ImageCount);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {ImageCount} images accepted.");
        await api.WaitForProjectDoneAsync(projectId, ImageCount, TimeSpan.FromMinutes(8));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: all images done.");
        await api.AssertEveryImageCompletedAsync(projectId, imageIds);

        var audit = ProviderAudit.Of(cluster);
        var finishesPerSilo = cluster.SiloOutputs().Select(silo => $"{silo.Silo}: {CountFinishes(silo.Output)}");
        output.WriteLine($"Provider: {audit}; finished per silo: {string.Join(", ", finishesPerSilo)}.");
        Assert.Equal(ImageCount, audit.Finishes.Count);
        Assert.Empty(audit.FinishedMoreThanOnce);
        Assert.All(cluster.SiloOutputs(), silo => Assert.True(CountFinishes(silo.Output) > 0, $"{silo.Silo} processed images too."));
    }

    private static int CountFinishes(string siloOutput) =>
        siloOutput.Split('\n').Count(line => line.Contains("Finished image job", StringComparison.Ordinal));
}
