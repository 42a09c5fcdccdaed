using System.Net;
using System.Text.Json;
using AiStudio.Tests.Api;
using AiStudio.Tests.Drills;
using AiStudio.Tests.Infrastructure;
using AiStudio.Tests.Webhooks;

namespace AiStudio.Tests.Providers;

/// <summary>What a video made through the API from two uploaded images, with a transition, showed on the way and at the end.</summary>
/// <param name="Created">The VideoStatus answered on creation.</param>
/// <param name="Steps">The steps of the project's progress events, each once, in the order they first came.</param>
/// <param name="Finished">The VideoStatus once the stream ended.</param>
/// <param name="Video">ffprobe's reading of the final MP4, downloaded from its signed link.</param>
/// <param name="Webhook">The body of the project's webhook.</param>
public sealed record RemoteVideoFlow(JsonElement Created, IReadOnlyList<string> Steps, JsonElement Finished, MediaProbe Video, JsonElement Webhook)
{
    /// <summary>
    /// Fails unless the video went through generating and compiling to completed, cost <paramref name="cents"/> as
    /// estimated and as done, lasts the sum of its three segments of <paramref name="clipSeconds"/> each (two clips and
    /// the transition, joined end to end) as H.264, and told its webhook it completed.
    /// </summary>
    public void AssertCompleted(int cents, int clipSeconds)
    {
        Assert.Equal(cents, Created.GetProperty("cost").GetProperty("estimated").GetInt32());
        Assert.Equal(["generating", "compiling", "completed"], Steps.SkipWhile(step => step != "generating"));
        Assert.Equal("completed", Finished.GetProperty("status").GetString());
        Assert.Equal(cents, Finished.GetProperty("cost").GetProperty("actual").GetInt32());
        Assert.Equal(3 * clipSeconds, Video.DurationSeconds, tolerance: 0.25);
        Assert.Contains("h264", Video.Codecs);
        Assert.Equal("video.completed", Webhook.GetProperty("type").GetString());
    }

    /// <summary>
    /// Uploads two images and waits for them, creates a 1:1 video of two 5-second clips from them with a transition and a
    /// webhook, follows its events from <c>generate</c> to the end, and reads back the project, its MP4 and its webhook.
    /// </summary>
    public static async Task<RemoteVideoFlow> RunAsync(ApiClusterFixture fixture)
    {
        var api = new ApiCalls(fixture);
        var projectId = await api.CreateProjectAsync("Sources");
        var imageIds = new List<string>();
        foreach (var prompt in new[] { "first", "second" })
        {
            imageIds.Add((await api.UploadAsync(projectId, prompt, TestImages.Png(64, 64))).GetProperty("id").GetString()!);
        }

        foreach (var imageId in imageIds)
        {
            await api.WaitForImageAsync(imageId, "completed");
        }

        using var receiver = new WebhookReceiver();
        var clips = imageIds.Select((imageId, index) => new { imageId, prompt = $"slow zoom {index + 1}", durationSeconds = 5 }).ToArray();
        var created = await ApiCalls.ReadJsonAsync(
            await fixture.Http.PostAsync("/v1/video-projects", ApiCalls.Json(new { name = "Tour", clips, transitions = true, aspectRatio = "1:1", webhookUrl = receiver.Url })),
            HttpStatusCode.Created);
        var videoId = created.GetProperty("id").GetString()!;

        await using var events = await SseClient.ConnectAsync(fixture.Http, $"/v1/video-projects/{videoId}/events");
        await ApiCalls.ReadJsonAsync(await fixture.Http.PostAsync($"/v1/video-projects/{videoId}/generate", null), HttpStatusCode.Accepted);
        var received = await events.ReadUntilAsync(e => e.String("step") is "completed" or "failed", TimeSpan.FromMinutes(2));

        var finished = await api.GetAsync($"/v1/video-projects/{videoId}");
        using var anonymous = new HttpClient();
        var mp4 = finished.GetProperty("status").GetString() == "completed"
            ? await anonymous.GetByteArrayAsync(finished.GetProperty("output").GetProperty("videoUrl").GetString())
            : throw new InvalidOperationException($"The video did not complete: {finished.GetRawText()}");
        var webhook = await WaitUntil.ValueAsync(
            () => Task.FromResult(receiver.Received.SingleOrDefault()), request => request is not null, "the project's webhook arrives");
        return new RemoteVideoFlow(
            created,
            received.Select(e => e.String("step")!).Distinct().ToList(),
            finished,
            await MediaProbe.OfWholeFileAsync(mp4),
            JsonDocument.Parse(webhook!.Body).RootElement.Clone());
    }
}
