using System.Net;
using System.Text.Json;
using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Api;

[Collection(ApiClusterCollection.Name)]
public sealed class ImageApiTests(ApiClusterFixture fixture)
{
    private readonly ApiCalls _api = new(fixture);

    [Fact]
    public async Task An_upload_is_accepted_pending_and_processed_with_fetchable_signed_urls()
    {
        var projectId = await _api.CreateProjectAsync();
        var original = TestImages.Png(64, 48);

        var response = await fixture.Http.PostAsync($"/v1/projects/{projectId}/images", ApiCalls.Upload(original, "  warmer tones  ", "holiday.png"));
        var image = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Accepted);

        var imageId = image.GetProperty("id").GetString()!;
        Assert.StartsWith("img_", imageId);
        Assert.Equal($"/v1/images/{imageId}", response.Headers.Location?.OriginalString);
        Assert.Equal("pending", image.GetProperty("status").GetString());
        Assert.Equal(ApiClusterFixture.WorkspaceId, image.GetProperty("workspaceId").GetString());
        Assert.Equal("user_one", image.GetProperty("userId").GetString());
        Assert.Equal(projectId, image.GetProperty("projectId").GetString());
        Assert.Equal("warmer tones", image.GetProperty("prompt").GetString());
        Assert.Equal(1, image.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.Null, image.GetProperty("parentId").ValueKind);
        Assert.Equal(JsonValueKind.Null, image.GetProperty("resultImageUrl").ValueKind);
        Assert.Equal(JsonValueKind.Null, image.GetProperty("errorMessage").ValueKind);
        Assert.True(image.TryGetProperty("metadata", out _));

        var originalUrl = image.GetProperty("originalImageUrl").GetString()!;
        Assert.StartsWith($"{fixture.Api.BaseAddress.AbsoluteUri}files/ws/{ApiClusterFixture.WorkspaceId}/images/{imageId}/original.png?exp=", originalUrl);
        using var anonymous = new HttpClient();
        Assert.Equal(original, await anonymous.GetByteArrayAsync(originalUrl));

        var completed = await _api.WaitForImageAsync(imageId, "completed");
        var result = await anonymous.GetAsync(completed.GetProperty("resultImageUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal("image/png", result.Content.Headers.ContentType?.MediaType);
        Assert.Equal("scripted-model", completed.GetProperty("metadata").GetProperty("model").GetString());

        var project = await _api.GetAsync($"/v1/projects/{projectId}");
        Assert.Equal("completed", project.GetProperty("status").GetString());
        Assert.Equal(1, project.GetProperty("completedCount").GetInt32());
        var listed = await _api.GetAsync($"/v1/projects/{projectId}/images");
        Assert.Equal(imageId, listed.GetProperty("items")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_image_url_is_fetched_by_the_server()
    {
        var projectId = await _api.CreateProjectAsync();

        var response = await fixture.Http.PostAsync($"/v1/projects/{projectId}/images",
            ApiCalls.Json(new { imageUrl = fixture.ImageHost.BaseUrl + "/image.png", prompt = "sharper" }));
        var image = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Accepted);

        using var anonymous = new HttpClient();
        Assert.Equal(ApiClusterFixture.RemoteImage, await anonymous.GetByteArrayAsync(image.GetProperty("originalImageUrl").GetString()));
        await _api.WaitForImageAsync(image.GetProperty("id").GetString()!, "completed");
    }

    public static TheoryData<string, byte[]?, string?, string, string> RefusedUploads => new()
    {
        { "text named .jpg", TestImages.NotAnImage, "a prompt", "photo.jpg", "file" },
        { "playlist named .jpg", TestImages.PlaylistDisguisedAsImage, "a prompt", "photo.jpg", "file" },
        { "empty file", [], "a prompt", "photo.png", "file" },
        { "no file", null, "a prompt", "photo.png", "file" },
        { "over the pixel limit", TestImages.Png(2000, 1000), "a prompt", "big.png", "file" },
        { "cut-off image", TestImages.Png(64, 48)[..60], "a prompt", "photo.png", "file" },
        { "no prompt", TestImages.Png(8, 8), null, "photo.png", "prompt" },
        { "blank prompt", TestImages.Png(8, 8), "   ", "photo.png", "prompt" },
        { "prompt over the limit", TestImages.Png(8, 8), new string('p', 2001), "photo.png", "prompt" },
    };

    [Theory]
    [MemberData(nameof(RefusedUploads))]
    public async Task A_bad_upload_is_400_naming_the_field_and_changes_nothing(string _, byte[]? file, string? prompt, string fileName, string field)
    {
        var projectId = await _api.CreateProjectAsync();
        var before = await _api.SnapshotAsync();

        var response = await fixture.Http.PostAsync($"/v1/projects/{projectId}/images", ApiCalls.Upload(file, prompt, fileName));

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssertions.FieldErrors(problem, field));
        Assert.Equal(before, await _api.SnapshotAsync());
    }

    [Fact]
    public async Task An_oversized_upload_is_413_and_changes_nothing()
    {
        var projectId = await _api.CreateProjectAsync();
        var before = await _api.SnapshotAsync();
        var oversized = new byte[ApiClusterFixture.MaxUploadBytes + 1];
        TestImages.Png(8, 8).CopyTo(oversized, 0);

        var response = await fixture.Http.PostAsync($"/v1/projects/{projectId}/images", ApiCalls.Upload(oversized, "a prompt"));

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await _api.SnapshotAsync());
    }

    [Theory]
    [InlineData("http://localhost:{port}/image.png")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.1.2.3/image.png")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/image.png")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a url")]
    [InlineData("http://127.0.0.1:{port}/text.png")]
    [InlineData("http://127.0.0.1:{port}/missing.png")]
    public async Task An_image_url_that_is_refused_or_not_an_image_is_400_and_changes_nothing(string url)
    {
        var projectId = await _api.CreateProjectAsync();
        var before = await _api.SnapshotAsync();

        var response = await fixture.Http.PostAsync($"/v1/projects/{projectId}/images",
            ApiCalls.Json(new { imageUrl = url.Replace("{port}", fixture.ImageHost.Port.ToString()), prompt = "sharper" }));

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssertions.FieldErrors(problem, "imageUrl"));
        Assert.Equal(before, await _api.SnapshotAsync());
    }

    [Fact]
    public async Task An_upload_in_another_format_is_415()
    {
        var projectId = await _api.CreateProjectAsync();
        var response = await fixture.Http.PostAsync($"/v1/projects/{projectId}/images", new ByteArrayContent(TestImages.Png(8, 8)));
        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_upload_to_an_unknown_project_is_404_and_stores_nothing()
    {
        var before = await _api.SnapshotAsync();
        var response = await fixture.Http.PostAsync("/v1/projects/prj_doesnotexist/images", ApiCalls.Upload(TestImages.Png(8, 8), "x"));

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(before, await _api.SnapshotAsync());
    }

    [Fact]
    public async Task An_inpaint_edit_makes_the_next_version_of_the_root_with_its_lineage()
    {
        var (_, rootId) = await _api.CompletedImageAsync();

        var response = await fixture.Http.PostAsync($"/v1/images/{rootId}/edits",
            ApiCalls.Json(new { prompt = "remove the lamp post", editMode = "remove", maskDataUrl = TestImages.PngDataUrl(64, 48) }));
        var second = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Accepted);
        var secondId = second.GetProperty("id").GetString()!;

        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.Equal(rootId, second.GetProperty("parentId").GetString());
        Assert.Equal(rootId, second.GetProperty("metadata").GetProperty("editedFrom").GetString());
        Assert.Equal("remove", second.GetProperty("metadata").GetProperty("editMode").GetString());
        Assert.EndsWith("Z", second.GetProperty("metadata").GetProperty("editedAt").GetString());
        Assert.True(File.Exists(Path.Combine(fixture.StorageRoot, "ws", ApiClusterFixture.WorkspaceId, "images", secondId, "mask.png")));
        await _api.WaitForImageAsync(secondId, "completed");

        var third = await ApiCalls.ReadJsonAsync(
            await fixture.Http.PostAsync($"/v1/images/{secondId}/edits", ApiCalls.Json(new { prompt = "brighter again" })), HttpStatusCode.Accepted);
        Assert.Equal(3, third.GetProperty("version").GetInt32());
        Assert.Equal(rootId, third.GetProperty("parentId").GetString());
        Assert.Equal(secondId, third.GetProperty("metadata").GetProperty("editedFrom").GetString());
        Assert.Equal(JsonValueKind.Null, third.GetProperty("metadata").GetProperty("editMode").ValueKind);
        await _api.WaitForImageAsync(third.GetProperty("id").GetString()!, "completed");

        var versions = await _api.GetAsync($"/v1/images/{secondId}/versions");
        Assert.Equal([1, 2, 3], versions.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task A_mask_without_an_edit_mode_is_a_remove_edit()
    {
        var (_, imageId) = await _api.CompletedImageAsync();

        var edit = await ApiCalls.ReadJsonAsync(await fixture.Http.PostAsync($"/v1/images/{imageId}/edits",
            ApiCalls.Json(new { prompt = "clean up", maskDataUrl = TestImages.PngDataUrl(16, 16) })), HttpStatusCode.Accepted);

        Assert.Equal("remove", edit.GetProperty("metadata").GetProperty("editMode").GetString());
        await _api.WaitForImageAsync(edit.GetProperty("id").GetString()!, "completed");
    }

    public static TheoryData<string, string, string?> RefusedEdits => new()
    {
        { """{"prompt":"x","editMode":"remove"}""", "maskDataUrl", "maskDataUrl is required" },
        { """{"prompt":"x","editMode":"add"}""", "maskDataUrl", "maskDataUrl is required" },
        { """{"prompt":"x","editMode":"remove","maskDataUrl":"iVBORw0KGgo="}""", "maskDataUrl",
            "Invalid mask data URL format: expected data:image/png;base64,{base64data}" },
        { """{"prompt":"x","maskDataUrl":"data:image/png;base64,###"}""", "maskDataUrl",
            "Invalid mask data URL format: expected data:image/png;base64,{base64data}" },
        { """{"prompt":"x","maskDataUrl":"data:image/jpeg;base64,/9j/4AAQSkZJRg=="}""", "maskDataUrl",
            "Invalid mask data URL format: expected data:image/png;base64,{base64data}" },
        { $$"""{"prompt":"x","maskDataUrl":"data:image/png;base64,{{Convert.ToBase64String(TestImages.NotAnImage)}}"}""", "maskDataUrl", null },
        { """{"prompt":"x","editMode":"paint","maskDataUrl":"data:image/png;base64,iVBORw0KGgo="}""", "editMode", null },
        { """{"prompt":"x","editMode":""}""", "editMode", null },
        { """{"editMode":"remove"}""", "prompt", null },
        { """{"prompt":7}""", "prompt", null },
        { """{"prompt":"x","maskDataUrl":12}""", "maskDataUrl", null },
    };

    [Theory]
    [MemberData(nameof(RefusedEdits))]
    public async Task A_bad_edit_is_400_with_the_seed_message_and_changes_nothing(string body, string field, string? message)
    {
        var (_, imageId) = await _api.CompletedImageAsync();
        var before = await _api.SnapshotAsync();

        var problem = await ProblemAssertions.AssertProblemAsync(
            await fixture.Http.PostAsync($"/v1/images/{imageId}/edits", ApiCalls.Json(body)), HttpStatusCode.BadRequest);

        var messages = ProblemAssertions.FieldErrors(problem, field);
        if (message is not null)
        {
            Assert.Contains(message, messages);
        }

        Assert.Equal(before, await _api.SnapshotAsync());
    }

    [Theory]
    [InlineData(ScriptedImageRunner.Fail, "failed")]
    [InlineData(ScriptedImageRunner.Hold, "processing")]
    public async Task Editing_a_failed_or_unfinished_image_is_409_and_changes_nothing(string prompt, string status)
    {
        var projectId = await _api.CreateProjectAsync();
        var imageId = (await _api.UploadAsync(projectId, prompt)).GetProperty("id").GetString()!;
        await _api.WaitForImageAsync(imageId, status);
        await _api.WaitForProjectAsync(projectId, status);
        var before = await _api.SnapshotAsync();

        var response = await fixture.Http.PostAsync($"/v1/images/{imageId}/edits",
            ApiCalls.Json(new { prompt = "try", editMode = "remove", maskDataUrl = TestImages.PngDataUrl(8, 8) }));

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(before, await _api.SnapshotAsync());
    }

    [Fact]
    public async Task A_failed_image_is_retried_once_and_a_finished_one_is_409()
    {
        var projectId = await _api.CreateProjectAsync();
        var imageId = (await _api.UploadAsync(projectId, ScriptedImageRunner.FailOnce)).GetProperty("id").GetString()!;
        var failed = await _api.WaitForImageAsync(imageId, "failed");
        Assert.Equal(ScriptedImageRunner.FailureMessage, failed.GetProperty("errorMessage").GetString());
        Assert.Equal("failed", (await _api.GetAsync($"/v1/projects/{projectId}")).GetProperty("status").GetString());

        var retried = await ApiCalls.ReadJsonAsync(await fixture.Http.PostAsync($"/v1/images/{imageId}/retry", null), HttpStatusCode.Accepted);
        Assert.Equal("pending", retried.GetProperty("status").GetString());
        await _api.WaitForImageAsync(imageId, "completed");

        await ProblemAssertions.AssertProblemAsync(await fixture.Http.PostAsync($"/v1/images/{imageId}/retry", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_processing_image_is_canceled_with_its_provider_task_and_its_project_hears_the_failure()
    {
        var projectId = await _api.CreateProjectAsync();
        await using var events = await SseClient.ConnectAsync(fixture.Http, $"/v1/projects/{projectId}/events");
        var imageId = (await _api.UploadAsync(projectId, ScriptedImageRunner.Hold)).GetProperty("id").GetString()!;
        await _api.WaitForImageAsync(imageId, "processing");

        var canceled = await ApiCalls.ReadJsonAsync(await fixture.Http.PostAsync($"/v1/images/{imageId}/cancel", null), HttpStatusCode.Accepted);

        Assert.Equal("failed", canceled.GetProperty("status").GetString());
        Assert.Equal("Canceled", canceled.GetProperty("errorMessage").GetString());
        await WaitUntil.ConditionAsync(
            () => fixture.ImageRunner.CanceledTasks.Contains(ScriptedImageRunner.TaskIdOf(imageId)), "the provider task is canceled");
        var failed = (await events.ReadUntilAsync(e => e.String("imageId") == imageId && e.String("step") == "failed"))[^1];
        Assert.Equal(("Canceled", "failed", 1), (failed.String("errorMessage"), failed.String("projectStatus"), failed.Int("failedCount")));
        var project = await _api.GetAsync($"/v1/projects/{projectId}");
        Assert.Equal(("failed", 1), (project.GetProperty("status").GetString(), project.GetProperty("failedCount").GetInt32()));
    }

    [Fact]
    public async Task Canceling_a_completed_or_failed_image_is_409_and_changes_nothing()
    {
        var (_, completedId) = await _api.CompletedImageAsync();
        var projectId = await _api.CreateProjectAsync();
        var failedId = (await _api.UploadAsync(projectId, ScriptedImageRunner.Fail)).GetProperty("id").GetString()!;
        await _api.WaitForImageAsync(failedId, "failed");
        var before = await _api.SnapshotAsync();

        await ProblemAssertions.AssertProblemAsync(await fixture.Http.PostAsync($"/v1/images/{completedId}/cancel", null), HttpStatusCode.Conflict);
        await ProblemAssertions.AssertProblemAsync(await fixture.Http.PostAsync($"/v1/images/{failedId}/cancel", null), HttpStatusCode.Conflict);

        Assert.Equal(before, await _api.SnapshotAsync());
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("GET", "/versions")]
    [InlineData("POST", "/retry")]
    [InlineData("POST", "/cancel")]
    [InlineData("POST", "/edits")]
    public async Task Another_workspaces_image_answers_exactly_like_a_missing_one(string method, string suffix)
    {
        var (_, imageId) = await _api.CompletedImageAsync();
        var before = await _api.SnapshotAsync();

        HttpRequestMessage Request(string id) => new(new HttpMethod(method), $"/v1/images/{id}{suffix}")
        {
            Content = method == "POST" ? ApiCalls.Json(new { prompt = "mine now" }) : null,
        };

        var foreign = await ProblemAssertions.AssertProblemAsync(await fixture.OtherHttp.SendAsync(Request(imageId)), HttpStatusCode.NotFound);
        var missing = await ProblemAssertions.AssertProblemAsync(await fixture.OtherHttp.SendAsync(Request("img_doesnotexist")), HttpStatusCode.NotFound);

        Assert.Equal(missing.GetProperty("detail").GetString(), foreign.GetProperty("detail").GetString());
        Assert.Equal(before, await _api.SnapshotAsync());
    }
}
