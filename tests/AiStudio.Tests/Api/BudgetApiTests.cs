using System.Net;
using System.Text.Json;

namespace AiStudio.Tests.Api;

[Collection(ApiClusterCollection.Name)]
public sealed class BudgetApiTests(ApiClusterFixture fixture)
{
    private readonly ApiCalls _api = new(fixture);

    [Fact]
    public async Task An_upload_past_the_budget_answers_402_naming_cap_and_estimate_and_starts_nothing()
    {
        using var http = fixture.Api.CreateClient(ApiClusterFixture.BrokeApiKey);
        var projectId = await _api.CreateProjectAsync(client: http);
        var usageBefore = await _api.GetAsync("/v1/usage", http);
        var filesBefore = StoredFiles(ApiClusterFixture.BrokeWorkspaceId);

        var response = await http.PostAsync($"/v1/projects/{projectId}/images", ApiCalls.Upload(TestImages.Png(32, 24), "brighter"));
        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.PaymentRequired);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, problem.GetProperty("budgetCents").GetInt64());
        Assert.Equal(1, problem.GetProperty("estimatedCents").GetInt32());
        Assert.Contains("0 cents", problem.GetProperty("detail").GetString());
        Assert.Empty((await _api.GetAsync($"/v1/projects/{projectId}/images", http)).GetProperty("items").EnumerateArray());
        var project = await _api.GetAsync($"/v1/projects/{projectId}", http);
        Assert.Equal(0, project.GetProperty("imageCount").GetInt32());
        Assert.Equal(usageBefore.GetRawText(), (await _api.GetAsync("/v1/usage", http)).GetRawText());
        Assert.Equal(filesBefore, StoredFiles(ApiClusterFixture.BrokeWorkspaceId));
    }

    [Fact]
    public async Task Hundred_parallel_uploads_at_a_cap_of_ten_jobs_start_at_most_ten()
    {
        using var http = fixture.Api.CreateClient(ApiClusterFixture.CappedApiKey);
        var projectId = await _api.CreateProjectAsync(client: http);
        var image = TestImages.Png(32, 24);

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            http.PostAsync($"/v1/projects/{projectId}/images", ApiCalls.Upload(image, $"variant {i} {ScriptedImageRunner.Hold}"))));

        var statuses = responses.Select(response => response.StatusCode).ToList();
        Assert.All(statuses, status => Assert.True(status is HttpStatusCode.Accepted or HttpStatusCode.PaymentRequired, $"got {(int)status}"));
        var accepted = statuses.Count(status => status == HttpStatusCode.Accepted);
        Assert.Equal(ApiClusterFixture.CappedBudgetCents, accepted);
        var project = await _api.GetAsync($"/v1/projects/{projectId}", http);
        Assert.Equal(accepted, project.GetProperty("imageCount").GetInt32());
        var usage = await _api.GetAsync("/v1/usage", http);
        Assert.Equal(ApiClusterFixture.CappedBudgetCents, usage.GetProperty("budgetCents").GetInt64());
        Assert.Equal(accepted, usage.GetProperty("committedCents").GetInt64() + usage.GetProperty("spentCents").GetInt64());
    }

    [Fact]
    public async Task Generating_a_video_past_the_budget_answers_402_and_the_draft_stays_a_draft()
    {
        using var http = fixture.Api.CreateClient(ApiClusterFixture.BrokeApiKey);
        var clips = new[] { new { imageUrl = $"{fixture.ImageHost.BaseUrl}/image.png", prompt = "a slow pan", durationSeconds = 5 } };
        var created = await ApiCalls.ReadJsonAsync(
            await http.PostAsync("/v1/video-projects", ApiCalls.Json(new { name = "A video", clips })), HttpStatusCode.Created);
        var videoProjectId = created.GetProperty("id").GetString()!;
        var usageBefore = await _api.GetAsync("/v1/usage", http);

        var problem = await ApiCalls.ReadJsonAsync(await http.PostAsync($"/v1/video-projects/{videoProjectId}/generate", null), HttpStatusCode.PaymentRequired);

        Assert.Equal(created.GetProperty("cost").GetProperty("estimated").GetInt32(), problem.GetProperty("estimatedCents").GetInt32());
        var video = await _api.GetAsync($"/v1/video-projects/{videoProjectId}", http);
        Assert.Equal("draft", video.GetProperty("status").GetString());
        Assert.Equal(usageBefore.GetRawText(), (await _api.GetAsync("/v1/usage", http)).GetRawText());
    }

    private string[] StoredFiles(string workspaceId)
    {
        var root = Path.Combine(fixture.StorageRoot, "ws", workspaceId);
        return Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()
            : [];
    }
}
