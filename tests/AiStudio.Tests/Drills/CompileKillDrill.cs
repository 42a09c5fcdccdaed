using System.Diagnostics;
using Xunit.Abstractions;

namespace AiStudio.Tests.Drills;

/// <summary>Drill 3: <c>kill -9</c> the silo in the middle of compiling a video.</summary>
[Collection(DrillCollection.Name)]
public sealed class CompileKillDrill(ITestOutputHelper output)
{
    // Two 5-second clips and the 1-second transition between them, joined end to end.
    private const double ExpectedSeconds = 5 + 1 + 5;

    [Fact]
    public async Task A_video_whose_compiling_silo_is_killed_still_completes_with_a_whole_file()
    {
        using var hold = new CompileHold(TimeSpan.FromSeconds(20));
        await using var cluster = await DrillCluster.StartAsync(output, new DrillClusterOptions("compile-kill")
        {
            SiloSettings = new Dictionary<string, string?> { ["PATH"] = hold.SearchPath },
        });
        var api = new DrillApi(cluster.Http, cluster.Diagnostics);
        var sources = await api.CompletedImagesAsync("Drill 3: clip sources", await DrillMedia.PhotoAsync(), 2);
        var videoId = await api.CreateVideoProjectAsync("Drill 3: killed while compiling", sources, transitions: true, ambientAudio: true);
        await api.GenerateAsync(videoId);

        var compiling = await Infrastructure.WaitUntil.ValueAsync(
            async () => (await api.GetVideoAsync(videoId)).GetProperty("status").GetString() == "compiling"
                ? cluster.SiloHostingMostWork(command => command.Contains(" concat ", StringComparison.Ordinal))
                : null,
            silo => silo is not null,
            "the video project is compiling and a silo runs its compile",
            TimeSpan.FromMinutes(3),
            cluster.Diagnostics);
        var clock = Stopwatch.StartNew();
        output.WriteLine($"silo-{compiling} is compiling the video: killing it.");
        await cluster.KillSiloAsync(compiling!.Value);

        var video = (await api.WaitForVideosDoneAsync([videoId], TimeSpan.FromMinutes(3)))[0];
        output.WriteLine($"Video {video.GetProperty("status").GetString()} {clock.Elapsed.TotalSeconds:0.0} s after the kill.");
        var mp4 = await api.AssertVideoCompletedAsync(videoId);

        var probe = await MediaProbe.OfWholeFileAsync(mp4);
        output.WriteLine($"ffprobe: {probe.DurationSeconds:0.000} s, streams {string.Join(", ", probe.Codecs)}; API says {video.GetProperty("output").GetProperty("duration").GetDouble():0.000} s.");
        Assert.Equal(["aac", "h264"], probe.Codecs.Order());
        Assert.InRange(probe.DurationSeconds, ExpectedSeconds - 0.2, ExpectedSeconds + 0.2);
        Assert.InRange(video.GetProperty("output").GetProperty("duration").GetDouble(), ExpectedSeconds - 0.2, ExpectedSeconds + 0.2);

        var compiles = cluster.SiloOutputs().Sum(silo => silo.Output.Split('\n').Count(line => line.Contains("Compiled 3 segments", StringComparison.Ordinal)));
        Assert.Equal(1, compiles);
        var audit = ProviderAudit.Of(cluster);
        output.WriteLine($"Provider: {audit}.");
        Assert.Empty(audit.ClipsSubmittedMoreThanOnce);
        Assert.Empty(audit.FinishedMoreThanOnce);
    }
}
