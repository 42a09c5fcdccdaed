using System.Net;

namespace AiStudio.Tests.Api;

[Collection(ApiClusterCollection.Name)]
public sealed class ProgressEventsApiTests(ApiClusterFixture fixture)
{
    private static readonly string[] Steps = ["fetching", "uploading", "processing", "saving", "completed"];
    private static readonly int[] Percentages = [10, 25, 50, 80, 100];

    private readonly ApiCalls _api = new(fixture);

    private static bool IsCompletionOf(SseEvent e, string imageId) => e.String("imageId") == imageId && e.String("step") == "completed";

    [Fact]
    public async Task A_new_subscriber_gets_the_current_state_then_every_step_in_order()
    {
        var projectId = await _api.CreateProjectAsync();
        await using var events = await SseClient.ConnectAsync(fixture.Http, $"/v1/projects/{projectId}/events");
        Assert.Equal(HttpStatusCode.OK, events.Response.StatusCode);
        Assert.Equal("text/event-stream", events.Response.Content.Headers.ContentType?.MediaType);

        var current = await events.ReadAsync() ?? throw new InvalidOperationException("No current-state event");
        Assert.Equal("progress", current.Event);
        Assert.Equal(projectId, current.String("entityId"));
        Assert.Equal("pending", current.String("status"));
        Assert.False(current.Data.TryGetProperty("imageId", out _), "Nulls are omitted from event data");

        var imageId = (await _api.UploadAsync(projectId)).GetProperty("id").GetString()!;
        var received = await events.ReadUntilAsync(e => IsCompletionOf(e, imageId));

        var ofImage = received.Where(e => e.String("imageId") == imageId).ToList();
        Assert.Equal(Steps, ofImage.Select(e => e.String("step")));
        Assert.Equal(Percentages, ofImage.Select(e => e.Int("progress")!.Value));
        var ids = received.Select(e => e.Id!.Value).Prepend(current.Id!.Value).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal("completed", ofImage[^1].String("projectStatus"));
        Assert.Equal(1, ofImage[^1].Int("completedCount"));
    }

    [Fact]
    public async Task A_client_resuming_with_last_event_id_gets_what_it_missed_then_live_events()
    {
        var projectId = await _api.CreateProjectAsync();
        var firstImage = (await _api.UploadAsync(projectId)).GetProperty("id").GetString()!;
        await _api.WaitForImageAsync(firstImage, "completed");

        // The first connection saw the stream up to the "uploading" step, then dropped.
        await using (var first = await SseClient.ConnectAsync(fixture.Http, $"/v1/projects/{projectId}/events", lastEventId: 0))
        {
            await first.ReadUntilAsync(e => e.String("step") == "uploading");
        }

        var history = await ReadHistoryAsync(projectId, firstImage);
        var uploadingId = history.Single(e => e.String("step") == "uploading").Id!.Value;

        await using var resumed = await SseClient.ConnectAsync(fixture.Http, $"/v1/projects/{projectId}/events", lastEventId: uploadingId);
        var missed = await resumed.ReadUntilAsync(e => IsCompletionOf(e, firstImage));
        Assert.Equal(["processing", "saving", "completed"], missed.Select(e => e.String("step")));
        Assert.All(missed, e => Assert.True(e.Id > uploadingId));

        var secondImage = (await _api.UploadAsync(projectId)).GetProperty("id").GetString()!;
        var live = await resumed.ReadUntilAsync(e => IsCompletionOf(e, secondImage));
        Assert.Equal(Steps, live.Select(e => e.String("step")));
        Assert.All(live, e => Assert.Equal(secondImage, e.String("imageId")));
        Assert.True(live[0].Id > missed[^1].Id);
    }

    [Fact]
    public async Task A_new_subscriber_of_a_busy_project_gets_one_current_state_event_not_the_history()
    {
        var projectId = await _api.CreateProjectAsync();
        var firstImage = (await _api.UploadAsync(projectId)).GetProperty("id").GetString()!;
        await _api.WaitForImageAsync(firstImage, "completed");
        var history = await ReadHistoryAsync(projectId, firstImage);

        await using var events = await SseClient.ConnectAsync(fixture.Http, $"/v1/projects/{projectId}/events");
        var current = await events.ReadAsync() ?? throw new InvalidOperationException("No current-state event");
        Assert.Equal(history[^1].Id, current.Id);
        Assert.Equal("completed", current.String("status"));
        Assert.Equal(1, current.Int("completedCount"));

        var secondImage = (await _api.UploadAsync(projectId)).GetProperty("id").GetString()!;
        var next = await events.ReadAsync() ?? throw new InvalidOperationException("The stream ended");
        Assert.Equal(secondImage, next.String("imageId"));
        Assert.Equal("fetching", next.String("step"));
        await events.ReadUntilAsync(e => IsCompletionOf(e, secondImage));
    }

    [Fact]
    public async Task The_events_of_an_unknown_project_are_404()
    {
        await ProblemAssertions.AssertProblemAsync(await fixture.Http.GetAsync("/v1/projects/prj_doesnotexist/events"), HttpStatusCode.NotFound);
    }

    /// <summary>Every retained event of the project, read by resuming from the very start.</summary>
    private async Task<IReadOnlyList<SseEvent>> ReadHistoryAsync(string projectId, string lastImageId)
    {
        await using var replay = await SseClient.ConnectAsync(fixture.Http, $"/v1/projects/{projectId}/events", lastEventId: 0);
        return await replay.ReadUntilAsync(e => IsCompletionOf(e, lastImageId));
    }
}
