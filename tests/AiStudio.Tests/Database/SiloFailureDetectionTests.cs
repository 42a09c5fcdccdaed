using System.Diagnostics;
using AiStudio.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AiStudio.Tests.Database;

/// <summary>Real silo processes on PostgreSQL membership with <c>Cluster:FastFailureDetection</c>, as the drills run them.</summary>
public sealed class SiloFailureDetectionTests(ITestOutputHelper output)
{
    private const int Active = 3;
    private const int Dead = 6;

    [Fact]
    public async Task A_silo_process_killed_with_sigkill_is_declared_dead_by_the_survivor_within_seconds()
    {
        await using var database = await TestDatabase.CreateAsync();
        var media = Directory.CreateTempSubdirectory("aistudio-media-");
        try
        {
            await using var survivor = SiloProcess.Start("survivor", SiloSettings(database, media.FullName));
            var victimSettings = SiloSettings(database, media.FullName);
            await using var victim = SiloProcess.Start("victim", victimSettings);
            var victimPort = int.Parse(victimSettings["Silo:Port"]!, System.Globalization.CultureInfo.InvariantCulture);
            await WaitUntil.ConditionAsync(
                async () => (await ActiveSiloCountAsync(database)) == 2,
                "both silo processes are active in the membership table",
                TimeSpan.FromSeconds(90),
                () => $"survivor:{Environment.NewLine}{survivor.Output}{Environment.NewLine}victim:{Environment.NewLine}{victim.Output}");

            var clock = Stopwatch.StartNew();
            victim.Kill();

            await WaitUntil.ConditionAsync(
                async () => (await StatusAsync(database, victimPort)) == Dead,
                "the killed silo is declared dead",
                TimeSpan.FromSeconds(60),
                () => $"survivor:{Environment.NewLine}{survivor.Output}");
            output.WriteLine($"Declared dead {clock.Elapsed.TotalSeconds:0.0} s after the kill.");
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
            Assert.Equal(1L, await ActiveSiloCountAsync(database));
            await survivor.StopAsync();
        }
        finally
        {
            media.Delete(recursive: true);
        }
    }

    private static Dictionary<string, string?> SiloSettings(TestDatabase database, string mediaRoot) =>
        SiloProcess.Settings(database, mediaRoot, "failure-detection-test-key");

    private static async Task<long> ActiveSiloCountAsync(TestDatabase database) =>
        (await database.QueryAsync<long>("SELECT count(*) FROM orleans_membership WHERE status = @active", ("active", Active))).Single();

    private static async Task<int> StatusAsync(TestDatabase database, int port) =>
        (await database.QueryAsync<int>("SELECT status FROM orleans_membership WHERE port = @port", ("port", port))).SingleOrDefault();
}
