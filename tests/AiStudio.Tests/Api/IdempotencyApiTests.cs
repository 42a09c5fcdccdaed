using System.Net;
using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Api;

[Collection(ApiClusterCollection.Name)]
public sealed class IdempotencyApiTests(ApiClusterFixture fixture)
{
    private readonly ApiCalls _api = new(fixture);

    private static HttpRequestMessage Post(string path, HttpContent content, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private async Task<int> ProjectCountAsync(HttpClient client) =>
        (await _api.GetAsync("/v1/projects?limit=100", client)).GetProperty("items").GetArrayLength();

    [Fact]
    public async Task A_repeated_create_returns_the_first_response_and_creates_nothing_new()
    {
        var key = Guid.NewGuid().ToString();
        var before = await ProjectCountAsync(fixture.Http);

        using var first = await fixture.Http.SendAsync(Post("/v1/projects", ApiCalls.Json(new { name = "Once" }), key));
        using var repeat = await fixture.Http.SendAsync(Post("/v1/projects", ApiCalls.Json(new { name = "Once" }), key));

        var created = await ApiCalls.ReadJsonAsync(first, HttpStatusCode.Created);
        var replayed = await ApiCalls.ReadJsonAsync(repeat, HttpStatusCode.Created);
        Assert.Equal(created.GetRawText(), replayed.GetRawText());
        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
        Assert.True(repeat.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(before + 1, await ProjectCountAsync(fixture.Http));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422()
    {
        var key = Guid.NewGuid().ToString();
        await ApiCalls.ReadJsonAsync(await fixture.Http.SendAsync(Post("/v1/projects", ApiCalls.Json(new { name = "First" }), key)), HttpStatusCode.Created);
        var before = await ProjectCountAsync(fixture.Http);

        var response = await fixture.Http.SendAsync(Post("/v1/projects", ApiCalls.Json(new { name = "Second" }), key));

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(before, await ProjectCountAsync(fixture.Http));
    }

    [Fact]
    public async Task A_repeated_multipart_upload_with_a_new_boundary_is_recognised_as_the_same()
    {
        var projectId = await _api.CreateProjectAsync();
        var image = TestImages.Png(32, 32);
        var key = Guid.NewGuid().ToString();

        var first = await ApiCalls.ReadJsonAsync(
            await fixture.Http.SendAsync(Post($"/v1/projects/{projectId}/images", ApiCalls.Upload(image, "once"), key)), HttpStatusCode.Accepted);
        var repeat = await ApiCalls.ReadJsonAsync(
            await fixture.Http.SendAsync(Post($"/v1/projects/{projectId}/images", ApiCalls.Upload(image, "once"), key)), HttpStatusCode.Accepted);

        Assert.Equal(first.GetProperty("id").GetString(), repeat.GetProperty("id").GetString());
        var imageId = first.GetProperty("id").GetString()!;
        await _api.WaitForImageAsync(imageId, "completed");
        Assert.Equal(1, (await _api.GetAsync($"/v1/projects/{projectId}")).GetProperty("imageCount").GetInt32());
    }

    [Fact]
    public async Task A_refused_request_is_answered_the_same_way_again()
    {
        var key = Guid.NewGuid().ToString();

        var first = await ProblemAssertions.AssertProblemAsync(
            await fixture.Http.SendAsync(Post("/v1/projects", ApiCalls.Json(new { name = "" }), key)), HttpStatusCode.BadRequest);
        using var repeat = await fixture.Http.SendAsync(Post("/v1/projects", ApiCalls.Json(new { name = "" }), key));
        var second = await ProblemAssertions.AssertProblemAsync(repeat, HttpStatusCode.BadRequest);

        Assert.Equal(first.GetProperty("errors").GetRawText(), second.GetProperty("errors").GetRawText());
        Assert.True(repeat.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Keys_belong_to_their_workspace()
    {
        var key = Guid.NewGuid().ToString();

        var mine = await ApiCalls.ReadJsonAsync(
            await fixture.Http.SendAsync(Post("/v1/projects", ApiCalls.Json(new { name = "Shared key" }), key)), HttpStatusCode.Created);
        var theirs = await ApiCalls.ReadJsonAsync(
            await fixture.OtherHttp.SendAsync(Post("/v1/projects", ApiCalls.Json(new { name = "Shared key" }), key)), HttpStatusCode.Created);

        Assert.NotEqual(mine.GetProperty("id").GetString(), theirs.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_duplicate_while_the_first_is_still_running_is_409_and_the_first_completes()
    {
        var projectId = await _api.CreateProjectAsync();
        var key = Guid.NewGuid().ToString();
        HttpContent Body() => ApiCalls.Json(new { imageUrl = fixture.ImageHost.BaseUrl + "/slow.png", prompt = "slowly" });
        var requestsBefore = fixture.ImageHost.Requests;

        var first = fixture.Http.SendAsync(Post($"/v1/projects/{projectId}/images", Body(), key));
        await WaitUntil.ConditionAsync(() => fixture.ImageHost.Requests > requestsBefore, "the first request is fetching its image");
        var duplicate = await fixture.Http.SendAsync(Post($"/v1/projects/{projectId}/images", Body(), key));
        fixture.SlowImageGate.TrySetResult();

        await ProblemAssertions.AssertProblemAsync(duplicate, HttpStatusCode.Conflict);
        var image = await ApiCalls.ReadJsonAsync(await first, HttpStatusCode.Accepted);
        await _api.WaitForImageAsync(image.GetProperty("id").GetString()!, "completed");
        Assert.Equal(1, (await _api.GetAsync($"/v1/projects/{projectId}")).GetProperty("imageCount").GetInt32());
    }

    [Fact]
    public async Task A_repeated_cancel_returns_the_first_answer_where_a_new_one_is_409()
    {
        var projectId = await _api.CreateProjectAsync();
        var imageId = (await _api.UploadAsync(projectId, ScriptedImageRunner.Hold)).GetProperty("id").GetString()!;
        var key = Guid.NewGuid().ToString();

        var first = await ApiCalls.ReadJsonAsync(await fixture.Http.SendAsync(Post($"/v1/images/{imageId}/cancel", new StringContent(""), key)), HttpStatusCode.Accepted);
        var repeated = await ApiCalls.ReadJsonAsync(await fixture.Http.SendAsync(Post($"/v1/images/{imageId}/cancel", new StringContent(""), key)), HttpStatusCode.Accepted);

        Assert.Equal(first.GetRawText(), repeated.GetRawText());
        await ProblemAssertions.AssertProblemAsync(
            await fixture.Http.SendAsync(Post($"/v1/images/{imageId}/cancel", new StringContent(""), Guid.NewGuid().ToString())), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_malformed_key_is_400()
    {
        var problem = await ProblemAssertions.AssertProblemAsync(
            await fixture.Http.SendAsync(Post("/v1/projects", ApiCalls.Json(new { name = "x" }), new string('k', 300))), HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssertions.FieldErrors(problem, "Idempotency-Key"));
    }
}
