using System.Diagnostics;
using System.Net;
using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Api;

/// <summary>The API and a silo as separate processes: the API starts first, answers 503 while no silo is up, and recovers by itself.</summary>
public sealed class ClusterOutageApiTests
{
    private const string ApiKey = "outage-test-key-0123456789";
    private const string SigningKey = "outage-test-signing-key-0123456789";

    [Fact]
    public async Task The_api_starts_before_any_silo_answers_503_while_none_is_up_and_recovers_when_one_returns()
    {
        await using var database = await TestDatabase.CreateAsync();
        var media = Directory.CreateTempSubdirectory("aistudio-outage-media-");
        try
        {
            await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>
            {
                ["ConnectionStrings__AiStudio"] = database.ConnectionString,
                ["Storage__Root"] = media.FullName,
                ["Storage__SigningKey"] = SigningKey,
                ["Auth__Keys__0__Key"] = ApiKey,
                ["Auth__Keys__0__WorkspaceId"] = "ws_outage",
                ["Auth__Keys__0__UserId"] = "user_outage",
                ["Cluster__GrainCallTimeout"] = "00:00:03",
                ["Cluster__ConnectRetryDelay"] = "00:00:00.500",
                ["Cluster__GatewayListRefreshPeriod"] = "00:00:01",
                ["Progress__HeartbeatInterval"] = "00:00:02",
            });
            using var client = api.CreateClient(ApiKey);

            await AssertUnavailableQuicklyAsync(client, "/v1/projects");
            await AssertUnavailableQuicklyAsync(client, "/health/ready");

            string projectId;
            SseClient events;
            await using (var first = SiloProcess.Start("first", SiloSettings(database, media.FullName)))
            {
                await WaitUntilAnsweringAsync(client, "/health/ready", api, first);
                var created = await client.PostAsync("/v1/projects", ApiCalls.Json(new { name = "Survives outages" }));
                projectId = (await ApiCalls.ReadJsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString()!;
                events = await SseClient.ConnectAsync(client, $"/v1/projects/{projectId}/events");
                Assert.Equal(projectId, (await events.ReadAsync())?.String("entityId"));
                first.Kill();
            }

            await WaitUntil.ConditionAsync(
                async () => (await client.GetAsync($"/v1/projects/{projectId}")).StatusCode == HttpStatusCode.ServiceUnavailable,
                "requests answer 503 with the only silo dead",
                TimeSpan.FromSeconds(60),
                () => api.Output);
            await AssertUnavailableQuicklyAsync(client, $"/v1/projects/{projectId}");

            await using var second = SiloProcess.Start("second", SiloSettings(database, media.FullName));
            await WaitUntilAnsweringAsync(client, $"/v1/projects/{projectId}", api, second);
            var project = await ApiCalls.ReadJsonAsync(await client.GetAsync($"/v1/projects/{projectId}"), HttpStatusCode.OK);
            Assert.Equal("Survives outages", project.GetProperty("name").GetString());

            // The event stream opened before the outage still delivers what happens after it.
            await using (events)
            {
                var upload = await client.PostAsync($"/v1/projects/{projectId}/images", ApiCalls.Upload(TestImages.Png(64, 48), "after the outage"));
                var imageId = (await ApiCalls.ReadJsonAsync(upload, HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
                var received = await events.ReadUntilAsync(
                    e => e.String("imageId") == imageId && e.String("step") is "completed" or "failed", TimeSpan.FromSeconds(60));
                Assert.Equal("fetching", received.First(e => e.String("imageId") == imageId).String("step"));
            }

            await second.StopAsync();
        }
        finally
        {
            media.Delete(recursive: true);
        }
    }

    private static async Task AssertUnavailableQuicklyAsync(HttpClient client, string path)
    {
        var clock = Stopwatch.StartNew();
        await ProblemAssertions.AssertProblemAsync(await client.GetAsync(path), HttpStatusCode.ServiceUnavailable);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{path} took {clock.Elapsed} to answer 503");
    }

    private static Task WaitUntilAnsweringAsync(HttpClient client, string path, ApiProcess api, SiloProcess silo) =>
        WaitUntil.ConditionAsync(
            async () => (await client.GetAsync(path)).StatusCode == HttpStatusCode.OK,
            $"{path} answers 200",
            TimeSpan.FromSeconds(90),
            () => $"API:\n{api.Output}\nsilo {silo.Name}:\n{silo.Output}");

    private static Dictionary<string, string?> SiloSettings(TestDatabase database, string mediaRoot) =>
        SiloProcess.Settings(database, mediaRoot, SigningKey);
}
