using System.Net;
using AiStudio.Tests.Api;
using AiStudio.Tests.Providers.Fal;

namespace AiStudio.Tests.ProviderCallbacks;

/// <summary>The callback routes of the API process: no API key, a forged fal webhook is a 401 problem, an unknown job a 404.</summary>
public sealed class ProviderCallbackApiTests(ProviderCallbackApiFixture fixture) : IClassFixture<ProviderCallbackApiFixture>
{
    [Theory]
    [MemberData(nameof(FalCallbackTests.Forgeries), MemberType = typeof(FalCallbackTests))]
    public async Task A_forged_fal_webhook_is_401_problem(FalWebhookForgery forgery)
    {
        var requestId = await fixture.SubmitAsync($"img_forged{(int)forgery}-1");

        Assert.Equal(HttpStatusCode.Unauthorized, await fixture.Fal.DeliverWebhookAsync(requestId, forgery));
    }

    [Fact]
    public async Task A_signed_fal_webhook_naming_no_job_passes_the_signature_check_and_is_404()
    {
        var requestId = await fixture.SubmitAsync("not-a-job");

        Assert.Equal(HttpStatusCode.NotFound, await fixture.Fal.DeliverWebhookAsync(requestId));
    }

    [Theory]
    [InlineData("/v1/provider-callbacks/kling")]
    [InlineData("/v1/provider-callbacks/kling?job=not-a-job")]
    [InlineData("/v1/provider-callbacks/kling?job=prj_abc-1")]
    public async Task A_kling_callback_naming_no_image_or_clip_is_404_problem_without_an_api_key(string path)
    {
        using var http = fixture.Api.CreateClient();
        using var body = new StringContent("""{"task_id":"1","task_status":"succeed","task_result":{"videos":[{"url":"https://evil.example/x.mp4"}]}}""", System.Text.Encoding.UTF8, "application/json");

        await ProblemAssertions.AssertProblemAsync(await http.PostAsync(path, body), HttpStatusCode.NotFound);
    }
}
