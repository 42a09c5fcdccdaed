using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace AiStudio.Tests.Drills;

/// <summary>Drill 4: PostgreSQL stops for 20 seconds in the middle of work.</summary>
[Collection(DrillCollection.Name)]
public sealed class DatabaseOutageDrill(ITestOutputHelper output)
{
    private const int ImageCount = 30;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    // A request must be answered well within this, whatever is down: the API's grain calls time out after 10 s.
    private static readonly TimeSpan ResponseBound = TimeSpan.FromSeconds(12);

    [Fact]
    public async Task Requests_answer_503_quickly_while_the_database_is_down_and_all_work_completes_after_it_returns()
    {
        await using var cluster = await DrillCluster.StartAsync(output, new DrillClusterOptions("database-outage") { OwnDatabaseServer = true });
        var api = new DrillApi(cluster.Http, cluster.Diagnostics);
        var photo = await DrillMedia.PhotoAsync();
        var sources = await api.CompletedImagesAsync("Drill 4: clip sources", photo, 2);
        var videoId = await api.CreateVideoProjectAsync("Drill 4 video", sources, transitions: true);
        var projectId = await api.CreateProjectAsync("Drill 4: database outage");
        var imageIds = await api.UploadImagesAsync(projectId, photo, ImageCount);
        await api.GenerateAsync(videoId);
        await Infrastructure.WaitUntil.ConditionAsync(
            async () => (await api.GetProjectAsync(projectId)).GetProperty("completedCount").GetInt32() >= 3,
            "a few images are completed",
            TimeSpan.FromMinutes(2),
            cluster.Diagnostics);

        var videoBefore = (await api.GetVideoAsync(videoId)).GetProperty("status").GetString();
        Assert.True(videoBefore is "generating" or "compiling", $"The video project is at work when the database stops, not {videoBefore}.");
        // Read before the stop: during the outage a read may rightly answer 503 (a grain whose write failed is reactivated).
        var progressBefore = await Describe(api, projectId);
        var clock = Stopwatch.StartNew();
        await cluster.StopDatabaseAsync();
        output.WriteLine($"PostgreSQL stopped; {progressBefore}, the video project {videoBefore}.");
        var answers = new List<Answer>();
        while (clock.Elapsed < Outage)
        {
            answers.Add(await MeasureAsync(cluster.Http, "GET /health/ready", client => client.GetAsync("/health/ready")));
            answers.Add(await MeasureAsync(cluster.Http, "POST /v1/projects", client => client.PostAsync("/v1/projects", DrillApi.Json(new { name = "during the outage" }))));
            answers.Add(await MeasureAsync(cluster.Http, "POST image", client => client.PostAsync($"/v1/projects/{projectId}/images", DrillApi.ImageForm(photo, "during the outage"))));
            answers.Add(await MeasureAsync(cluster.Http, "GET project", client => client.GetAsync($"/v1/projects/{projectId}")));
            answers.Add(await MeasureAsync(cluster.Http, "GET images", client => client.GetAsync($"/v1/projects/{projectId}/images")));
            answers.Add(await MeasureAsync(cluster.Http, "GET video", client => client.GetAsync($"/v1/video-projects/{videoId}")));
        }

        await cluster.StartDatabaseAgainAsync();
        output.WriteLine($"PostgreSQL back after {clock.Elapsed.TotalSeconds:0.0} s.");
        foreach (var group in answers.GroupBy(answer => answer.Request))
        {
            output.WriteLine($"{group.Key}: {string.Join(", ", group.GroupBy(answer => answer.Status).Select(status => $"{status.Count()}x {status.Key}"))}; " +
                $"slowest {group.Max(answer => answer.Elapsed).TotalSeconds:0.00} s");
        }

        Assert.All(answers, answer => Assert.True(answer.Elapsed < ResponseBound, $"{answer.Request} took {answer.Elapsed.TotalSeconds:0.0} s to answer {answer.Status}."));
        Assert.All(answers.Where(answer => answer.Status >= 500), answer =>
        {
            Assert.Equal(503, answer.Status);
            Assert.Equal("application/problem+json", answer.ContentType);
            Assert.Equal(503, answer.Problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(answer.Problem.GetProperty("detail").GetString()), $"{answer.Request}: the 503 explains itself.");
        });
        Assert.All(answers.Where(answer => answer.Request == "GET /health/ready"), answer => Assert.Equal(503, answer.Status));
        Assert.All(answers.Where(answer => answer.Request.StartsWith("POST", StringComparison.Ordinal)), answer => Assert.Equal(503, answer.Status));

        await Infrastructure.WaitUntil.ConditionAsync(
            async () => (await cluster.Http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            "the API is ready again",
            TimeSpan.FromSeconds(60),
            cluster.Diagnostics);
        output.WriteLine($"Ready again {clock.Elapsed.TotalSeconds:0.0} s after the stop.");

        await api.WaitForProjectDoneAsync(projectId, ImageCount, TimeSpan.FromMinutes(3));
        output.WriteLine($"All images done {clock.Elapsed.TotalSeconds:0.0} s after the stop.");
        await api.AssertEveryImageCompletedAsync(projectId, imageIds);
        await api.WaitForVideosDoneAsync([videoId], TimeSpan.FromMinutes(3));
        output.WriteLine($"The video project done {clock.Elapsed.TotalSeconds:0.0} s after the stop.");
        await api.AssertVideoCompletedAsync(videoId);
        var audit = ProviderAudit.Of(cluster);
        output.WriteLine($"Provider: {audit}.");
        Assert.Empty(audit.FinishedMoreThanOnce);
        Assert.Empty(audit.ClipsSubmittedMoreThanOnce);

        // The clip sources' project and the drill's: nothing was created by the refused requests.
        var projects = await api.GetAsync("/v1/projects?limit=100");
        Assert.Equal(2, projects.GetProperty("items").GetArrayLength());
    }

    private static async Task<string> Describe(DrillApi api, string projectId)
    {
        var project = await api.GetProjectAsync(projectId);
        return $"{project.GetProperty("completedCount").GetInt32()} of {ImageCount} images completed";
    }

    private static async Task<Answer> MeasureAsync(HttpClient http, string request, Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await send(http).WaitAsync(ResponseBound * 2);
            var body = await response.Content.ReadAsStringAsync();
            var contentType = response.Content.Headers.ContentType?.MediaType;
            var problem = contentType == "application/problem+json" ? JsonDocument.Parse(body).RootElement.Clone() : default;
            return new Answer(request, (int)response.StatusCode, contentType, problem, clock.Elapsed);
        }
        catch (TimeoutException)
        {
            return new Answer(request, 0, null, default, clock.Elapsed);
        }
    }

    private sealed record Answer(string Request, int Status, string? ContentType, JsonElement Problem, TimeSpan Elapsed);
}
