using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using AiStudio.Files;
using AiStudio.Tests.Infrastructure;
using AiStudio.Tests.Videos;
using AiStudio.Videos;
using AiStudio.Webhooks;

namespace AiStudio.Tests.Webhooks;

[Collection(VideoClusterCollection.Name)]
public sealed class VideoWebhookTests(VideoClusterFixture fixture)
{
    [Fact]
    public async Task A_completed_project_posts_one_signed_event_retried_with_the_same_id_after_a_500()
    {
        var keyBytes = RandomNumberGenerator.GetBytes(24);
        using var receiver = new WebhookReceiver(HttpStatusCode.InternalServerError);
        var project = await VideoScenario.CreateAsync(
            fixture, clipCount: 2, transitions: true, webhookUrl: receiver.Url, webhookSecret: "whsec_" + Convert.ToBase64String(keyBytes));

        await project.Grain.GenerateAsync();
        var completed = await project.WaitForAsync(VideoProjectStatus.Completed);
        var webhookId = WebhookDeliveryKeys.For(project.Id, 1);
        var delivery = await WaitUntil.ValueAsync(
            () => fixture.Client.GetGrain<IWebhookDeliveryGrain>(webhookId).GetAsync(),
            delivery => delivery?.Status == WebhookDeliveryStatus.Delivered,
            "the webhook is delivered");

        Assert.Equal(2, delivery!.Attempts);
        var requests = receiver.Received;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, request =>
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal(webhookId, request.Headers["webhook-id"]);
            Assert.True(StandardWebhooksVerifier.IsSignedWith(request, keyBytes));
            Assert.InRange(
                long.Parse(request.Headers["webhook-timestamp"]),
                DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(),
                DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        });
        Assert.Equal(requests[0].Body, requests[1].Body);

        using var body = JsonDocument.Parse(requests[0].Body);
        var root = body.RootElement;
        Assert.Equal("video.completed", root.GetProperty("type").GetString());
        var data = root.GetProperty("data");
        Assert.Equal(project.Id, data.GetProperty("id").GetString());
        Assert.Equal("completed", data.GetProperty("status").GetString());
        Assert.Equal(3, data.GetProperty("clipCount").GetInt32());
        Assert.Equal(3, data.GetProperty("completedClipCount").GetInt32());
        Assert.Equal(3, data.GetProperty("progress").GetProperty("completed").GetInt32());
        Assert.Equal(100, data.GetProperty("progress").GetProperty("percentage").GetInt32());
        Assert.Equal(completed.Cost.Estimated, data.GetProperty("cost").GetProperty("estimated").GetInt32());
        Assert.Equal(completed.Cost.Actual, data.GetProperty("cost").GetProperty("actual").GetInt32());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("error").ValueKind);
        Assert.Equal("Video ready!", data.GetProperty("label").GetString());
        Assert.EndsWith("Z", data.GetProperty("createdAt").GetString());
        var output = data.GetProperty("output");
        Assert.StartsWith($"https://studio.example/files/{completed.Output!.VideoKey}?exp=", output.GetProperty("videoUrl").GetString());
        Assert.Contains("&sig=", output.GetProperty("videoUrl").GetString());
        Assert.StartsWith($"https://studio.example/files/{completed.Output.ThumbnailKey}?exp=", output.GetProperty("thumbnailUrl").GetString());
        Assert.Equal(completed.Output.DurationSeconds, output.GetProperty("duration").GetDouble());
        Assert.Equal(FileLinkCheck.Valid, CheckWithTheApi(output.GetProperty("videoUrl").GetString()!));
        Assert.Equal(FileLinkCheck.Valid, CheckWithTheApi(output.GetProperty("thumbnailUrl").GetString()!));
    }

    /// <summary>What the API's file route makes of a link the silo put in a webhook.</summary>
    private FileLinkCheck CheckWithTheApi(string url)
    {
        var link = new Uri(url);
        var query = HttpUtility.ParseQueryString(link.Query);
        var signer = new FileLinkSigner(fixture.Configuration["Storage:SigningKey"]!, TimeSpan.FromHours(24), TimeProvider.System);
        return signer.Verify(link.AbsolutePath[FileLinkSigner.RoutePrefix.Length..], query["exp"], query["sig"]);
    }

    [Fact]
    public async Task A_failed_project_posts_video_failed_signed_with_a_raw_secret()
    {
        using var receiver = new WebhookReceiver();
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 2, webhookUrl: receiver.Url, webhookSecret: "raw workspace secret");
        fixture.Provider.Script(project.Clips[0].Id, new ScriptedTask(TimeSpan.Zero, FailWith: "Kling API error: Invalid image format"));

        await project.Grain.GenerateAsync();
        await project.WaitForAsync(VideoProjectStatus.Failed);
        var request = await WaitUntil.ValueAsync(
            () => Task.FromResult(receiver.Received.SingleOrDefault()), request => request is not null, "the webhook arrives");

        Assert.True(StandardWebhooksVerifier.IsSignedWith(request!, Encoding.UTF8.GetBytes("raw workspace secret")));
        using var body = JsonDocument.Parse(request!.Body);
        Assert.Equal("video.failed", body.RootElement.GetProperty("type").GetString());
        var data = body.RootElement.GetProperty("data");
        Assert.Equal("failed", data.GetProperty("status").GetString());
        Assert.Equal("Kling API error: Invalid image format", data.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("output").ValueKind);
        // What the failed project cost: the clips it completed (VideoScenario alternates 5 s and 10 s clips).
        var completedSeconds = (await project.GetClipsAsync())
            .Where(clip => clip.Status == ClipStatus.Completed).Sum(clip => clip.SequenceOrder % 2 == 0 ? 5 : 10);
        Assert.Equal(completedSeconds * VideoClusterFixture.ClipCentsPerSecond, data.GetProperty("cost").GetProperty("actual").GetInt32());
    }
}
