using System.Net;
using AiStudio.Common;
using AiStudio.Tests.Api;

namespace AiStudio.Tests.ProviderCallbacks;

/// <summary>The API relays a Kling callback to the grain its job names, on a real cluster; the body is never read.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class ProviderCallbackClusterApiTests(ApiClusterFixture fixture)
{
    private readonly ApiCalls _api = new(fixture);

    [Fact]
    public async Task A_kling_callback_for_an_existing_image_is_a_hint_and_one_for_an_unknown_image_is_404()
    {
        var projectId = await _api.CreateProjectAsync();
        var created = await ApiCalls.ReadJsonAsync(
            await fixture.Http.PostAsync($"/v1/projects/{projectId}/images", ApiCalls.Upload(TestImages.Png(32, 24), "warmer")), HttpStatusCode.Accepted);
        var imageId = created.GetProperty("id").GetString()!;
        using var anonymous = fixture.Api.CreateClient();
        const string forged = """{"task_id":"1","task_status":"failed","task_status_msg":"forged"}""";

        var known = await anonymous.PostAsync($"/v1/provider-callbacks/kling?job={imageId}-1", ApiCalls.Json(forged));
        var unknown = await anonymous.PostAsync($"/v1/provider-callbacks/kling?job={EntityIds.NewImageId()}-1", ApiCalls.Json(forged));

        Assert.Equal(HttpStatusCode.NoContent, known.StatusCode);
        await ProblemAssertions.AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        var image = await ApiCalls.ReadJsonAsync(await fixture.Http.GetAsync($"/v1/images/{imageId}"), HttpStatusCode.OK);
        Assert.NotEqual("failed", image.GetProperty("status").GetString());
    }
}
