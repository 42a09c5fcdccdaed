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

    [Theory]
    [InlineData("/v1/projects/prj_doesnotexist/events")]
    [InlineData("/v1/video-projects/vid_doesnotexist/events")]
    public async Task Event_streams_answer_404_problem_for_an_unknown_id_to_an_event_stream_client(string path)
    {
        await ProblemAssertions.AssertProblemAsync(await GetAsEventSourceAsync(path), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Event_streams_answer_404_problem_for_another_workspaces_id_to_an_event_stream_client()
    {
        var projectId = await _api.CreateProjectAsync(client: fixture.OtherHttp);
        var videoProjectId = await CreateVideoProjectAsync(fixture.OtherHttp);

        await ProblemAssertions.AssertProblemAsync(await GetAsEventSourceAsync($"/v1/projects/{projectId}/events"), HttpStatusCode.NotFound);
        await ProblemAssertions.AssertProblemAsync(await GetAsEventSourceAsync($"/v1/video-projects/{videoProjectId}/events"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_client_resuming_with_a_last_event_id_beyond_the_stream_gets_the_live_events()
    {
        var projectId = await _api.CreateProjectAsync();
        var firstImage = (await _api.UploadAsync(projectId)).GetProperty("id").GetString()!;
        await _api.WaitForImageAsync(firstImage, "completed");

        await using var resumed = await SseClient.ConnectAsync(fixture.Http, $"/v1/projects/{projectId}/events", lastEventId: 1_000_000);
        var secondImage = (await _api.UploadAsync(projectId)).GetProperty("id").GetString()!;
        var live = await resumed.ReadUntilAsync(e => IsCompletionOf(e, secondImage));

        Assert.Equal(Steps, live.Select(e => e.String("step")));
        Assert.All(live, e => Assert.Equal(secondImage, e.String("imageId")));
    }

    [Fact]
    public async Task The_current_state_event_names_a_step_of_the_contract()
    {
        var projectId = await _api.CreateProjectAsync();
        var pending = await ReadCurrentStateAsync(projectId);
        await _api.UploadAsync(projectId, prompt: ScriptedImageRunner.Hold);
        await _api.WaitForProjectAsync(projectId, "processing");
        var processing = await ReadCurrentStateAsync(projectId);

        Assert.Equal(("pending", "fetching"), (pending.String("status"), pending.String("step")));
        Assert.Equal(("processing", "processing"), (processing.String("status"), processing.String("step")));
    }

    [Fact]
    public async Task Deleting_a_video_project_ends_its_open_event_streams()
    {
        var videoProjectId = await CreateVideoProjectAsync(fixture.Http, $"{fixture.ImageHost.BaseUrl}/image.png");
        await using var events = await SseClient.ConnectAsync(fixture.Http, $"/v1/video-projects/{videoProjectId}/events");
        Assert.NotNull(await events.ReadAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Http.DeleteAsync($"/v1/video-projects/{videoProjectId}")).StatusCode);

        Assert.Null(await events.ReadAsync());
        await ProblemAssertions.AssertProblemAsync(await GetAsEventSourceAsync($"/v1/video-projects/{videoProjectId}/events"), HttpStatusCode.NotFound);
    }

    /// <summary>A GET as a browser's <c>EventSource</c> sends it: accepting only <c>text/event-stream</c>.</summary>
    private Task<HttpResponseMessage> GetAsEventSourceAsync(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        return fixture.Http.SendAsync(request);
    }

    /// <summary>A draft video project of the client's workspace, with one clip from <paramref name="imageUrl"/> when given.</summary>
    private static async Task<string> CreateVideoProjectAsync(HttpClient client, string? imageUrl = null)
    {
        var clips = imageUrl is null ? [] : new[] { new { imageUrl, prompt = "a slow pan", durationSeconds = 5 } };
        var response = await client.PostAsync("/v1/video-projects", ApiCalls.Json(new { name = "A video", clips }));
        return (await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private async Task<SseEvent> ReadCurrentStateAsync(string projectId)
    {
        await using var events = await SseClient.ConnectAsync(fixture.Http, $"/v1/projects/{projectId}/events");
        return await events.ReadAsync() ?? throw new InvalidOperationException("No current-state event");
    }

    /// <summary>Every retained event of the project, read by resuming from the very start.</summary>
    private async Task<IReadOnlyList<SseEvent>> ReadHistoryAsync(string projectId, string lastImageId)
    {
        await using var replay = await SseClient.ConnectAsync(fixture.Http, $"/v1/projects/{projectId}/events", lastEventId: 0);
        return await replay.ReadUntilAsync(e => IsCompletionOf(e, lastImageId));
    }
}
