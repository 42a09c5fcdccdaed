using System.Net;
using System.Text.Json;
using AiStudio.Media;
using AiStudio.Providers.Fal;
using AiStudio.Tests.Api;

namespace AiStudio.Tests.Providers.Fal;

/// <summary>Images and videos through the HTTP API with fal as the provider of both, against the fal test double.</summary>
public sealed class FalApiFlowTests(FalApiClusterFixture fixture) : IClassFixture<FalApiClusterFixture>
{
    private static readonly FalModels Models = new();
    private readonly ApiCalls _api = new(fixture);

    [Fact]
    public async Task An_uploaded_image_is_enhanced_by_fal_and_served_from_our_storage_once_fals_copy_has_expired()
    {
        var projectId = await _api.CreateProjectAsync();
        await using var events = await SseClient.ConnectAsync(fixture.Http, $"/v1/projects/{projectId}/events");

        var accepted = await _api.UploadAsync(projectId, "sharper", TestImages.Png(64, 48));
        var imageId = accepted.GetProperty("id").GetString()!;
        var received = await events.ReadUntilAsync(e => e.String("imageId") == imageId && e.String("step") is "completed" or "failed");

        Assert.Equal("pending", accepted.GetProperty("status").GetString());
        var ofImage = received.Where(e => e.String("imageId") == imageId).ToList();
        Assert.Equal(["fetching", "uploading", "processing", "saving", "completed"], ofImage.Select(e => e.String("step")!).Distinct());
        Assert.Equal(100, ofImage[^1].Int("progress"));
        var image = await _api.WaitForImageAsync(imageId, "completed");
        Assert.Equal(Models.Enhance, image.GetProperty("metadata").GetProperty("model").GetString());
        Assert.Equal(4, image.GetProperty("cost").GetProperty("estimated").GetInt32());
        Assert.Equal(JsonValueKind.Number, image.GetProperty("cost").GetProperty("actual").ValueKind);

        fixture.Fal.ExpireFiles();
        using var anonymous = new HttpClient();
        Assert.Equal(fixture.Fal.Output, await anonymous.GetByteArrayAsync(image.GetProperty("resultImageUrl").GetString()));
    }

    [Fact]
    public async Task Add_and_remove_edits_send_the_mask_resized_to_the_image_to_fals_inpainting_models()
    {
        var (_, imageId) = await _api.CompletedImageAsync();

        var added = await EditAsync(imageId, "add", "a red balloon");
        var removed = await EditAsync(imageId, "remove", "the lamp post");

        Assert.Equal((2, Models.Add), (added.GetProperty("version").GetInt32(), added.GetProperty("metadata").GetProperty("model").GetString()));
        Assert.Equal((3, Models.Remove), (removed.GetProperty("version").GetInt32(), removed.GetProperty("metadata").GetProperty("model").GetString()));
        foreach (var model in new[] { Models.Add, Models.Remove })
        {
            var request = Assert.Single(fixture.Fal.Requests, request => request.Model == model);
            var picture = ImageSniffer.Sniff(fixture.Fal.FileAt(request.Input["image_url"]!.GetValue<string>()));
            var mask = ImageSniffer.Sniff(fixture.Fal.FileAt(request.Input["mask_url"]!.GetValue<string>()));
            Assert.Equal((picture?.Width, picture?.Height), (mask?.Width, mask?.Height));
        }
    }

    [Fact]
    public async Task Fals_signed_webhook_for_a_job_is_accepted_at_the_public_callback_route_and_a_forged_one_is_refused()
    {
        var (_, imageId) = await _api.CompletedImageAsync();
        var request = fixture.Fal.Requests.Single(request => fixture.Fal.WebhookUrlOf(request.Id)?.Query.Contains(imageId, StringComparison.Ordinal) == true);

        var webhook = fixture.Fal.WebhookUrlOf(request.Id)!;
        var genuine = await fixture.Fal.DeliverWebhookAsync(request.Id);
        var forged = await fixture.Fal.DeliverWebhookAsync(request.Id, FalWebhookForgery.TamperedBody);

        Assert.StartsWith(new Uri(fixture.Api.BaseAddress, "/v1/provider-callbacks/fal").AbsoluteUri, webhook.AbsoluteUri);
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.Unauthorized), (genuine, forged));
        Assert.Equal("completed", (await _api.GetAsync($"/v1/images/{imageId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_video_made_by_fal_from_uploaded_images_compiles_its_clips_and_transition_and_costs_fals_prices()
    {
        var flow = await RemoteVideoFlow.RunAsync(fixture);

        // Two 5 s clips at 6 cents a second, a transition on the pro tier, and the compile (Pricing:Videos:Fal defaults).
        flow.AssertCompleted(cents: 2 * 30 + 49 + 5, FalApiClusterFixture.SampleClipSeconds);
        var videoJobs = fixture.Fal.Requests.Where(request => request.Model.Contains("kling-video", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, videoJobs.Count(request => request.Model == Models.ImageToVideo));
        Assert.Single(videoJobs, request => request.Model == Models.Transition && request.Input.ContainsKey("tail_image_url"));
    }

    private async Task<JsonElement> EditAsync(string imageId, string editMode, string prompt)
    {
        var edit = await ApiCalls.ReadJsonAsync(
            await fixture.Http.PostAsync($"/v1/images/{imageId}/edits", ApiCalls.Json(new { prompt, editMode, maskDataUrl = TestImages.PngDataUrl(16, 16) })),
            HttpStatusCode.Accepted);
        return await _api.WaitForImageAsync(edit.GetProperty("id").GetString()!, "completed");
    }
}
