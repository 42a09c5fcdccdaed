using System.Net;
using System.Text.Json;
using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Api;

/// <summary><c>GET /v1/usage</c> in a workspace of its own, read as deltas since the collection's tests share the month.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class UsageApiTests(ApiClusterFixture fixture) : IDisposable
{
    private readonly ApiCalls _api = new(fixture);
    private readonly HttpClient _http = fixture.Api.CreateClient(ApiClusterFixture.UsageApiKey);

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Usage_reports_the_current_utc_month_without_a_budget()
    {
        var usage = await _api.GetAsync("/v1/usage", _http);

        var now = DateTime.UtcNow;
        Assert.Equal(new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc), usage.GetProperty("periodStart").GetDateTime().ToUniversalTime());
        Assert.Equal(JsonValueKind.Null, usage.GetProperty("budgetCents").ValueKind);
    }

    [Fact]
    public async Task Completed_images_move_their_cost_from_committed_to_spent()
    {
        var before = await _api.GetAsync("/v1/usage", _http);
        var projectId = await _api.CreateProjectAsync(client: _http);

        var accepted = await UploadAsync(projectId, "brighter");
        var estimated = accepted.GetProperty("cost").GetProperty("estimated").GetInt32();
        Assert.True(estimated > 0, "the local provider has a nominal price");
        Assert.Equal(JsonValueKind.Null, accepted.GetProperty("cost").GetProperty("actual").ValueKind);
        var second = await UploadAsync(projectId, "warmer");

        foreach (var id in new[] { accepted, second }.Select(image => image.GetProperty("id").GetString()!))
        {
            var completed = await WaitUntil.ValueAsync(
                () => _api.GetAsync($"/v1/images/{id}", _http),
                image => image.GetProperty("status").GetString() == "completed",
                $"image {id} completed");
            Assert.Equal(estimated, completed.GetProperty("cost").GetProperty("actual").GetInt32());
        }

        var after = await WaitUntil.ValueAsync(
            () => _api.GetAsync("/v1/usage", _http),
            usage => Spent(usage) - Spent(before) == 2 * estimated,
            "both images are counted as spent");
        Assert.Equal(Committed(before), Committed(after));
    }

    [Fact]
    public async Task An_image_still_processing_is_committed_not_spent()
    {
        var before = await _api.GetAsync("/v1/usage", _http);
        var projectId = await _api.CreateProjectAsync(client: _http);

        var held = await UploadAsync(projectId, $"keep going {ScriptedImageRunner.Hold}");
        var estimated = held.GetProperty("cost").GetProperty("estimated").GetInt32();
        await WaitUntil.ValueAsync(
            () => _api.GetAsync($"/v1/images/{held.GetProperty("id").GetString()}", _http),
            image => image.GetProperty("status").GetString() == "processing",
            "the held image is processing");

        var during = await _api.GetAsync("/v1/usage", _http);
        Assert.Equal(Committed(before) + estimated, Committed(during));
        Assert.Equal(Spent(before), Spent(during));
    }

    private async Task<JsonElement> UploadAsync(string projectId, string prompt) =>
        await ApiCalls.ReadJsonAsync(
            await _http.PostAsync($"/v1/projects/{projectId}/images", ApiCalls.Upload(TestImages.Png(32, 24), prompt)),
            HttpStatusCode.Accepted);

    private static long Spent(JsonElement usage) => usage.GetProperty("spentCents").GetInt64();

    private static long Committed(JsonElement usage) => usage.GetProperty("committedCents").GetInt64();
}
