using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Drills;

/// <summary>
/// The public HTTP API as a drill uses it. Calls that create or trigger work carry an <c>Idempotency-Key</c> and are
/// repeated with it while the cluster answers 503 or does not answer, so a retried call never creates anything twice.
/// </summary>
public sealed class DrillApi(HttpClient http, Func<string> diagnostics)
{
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(500);

    public HttpClient Http => http;

    public async Task<string> CreateProjectAsync(string name) =>
        (await PostUntilAnsweredAsync("/v1/projects", () => Json(new { name }), HttpStatusCode.Created)).GetProperty("id").GetString()!;

    public async Task<string> UploadImageAsync(string projectId, byte[] jpeg, string prompt)
    {
        var image = await PostUntilAnsweredAsync($"/v1/projects/{projectId}/images", () => ImageForm(jpeg, prompt), HttpStatusCode.Accepted);
        return image.GetProperty("id").GetString()!;
    }

    /// <summary>Uploads <paramref name="count"/> copies of <paramref name="jpeg"/>, a few at a time, and returns their IDs.</summary>
    public async Task<IReadOnlyList<string>> UploadImagesAsync(string projectId, byte[] jpeg, int count)
    {
        using var parallel = new SemaphoreSlim(6);
        var uploads = Enumerable.Range(1, count).Select(async number =>
        {
            await parallel.WaitAsync();
            try
            {
                return await UploadImageAsync(projectId, jpeg, $"drill image {number}: brighter, sharper");
            }
            finally
            {
                parallel.Release();
            }
        });
        return await Task.WhenAll(uploads);
    }

    /// <summary>Uploads <paramref name="count"/> images into a new project and waits until they are completed (sources for clips).</summary>
    public async Task<IReadOnlyList<string>> CompletedImagesAsync(string projectName, byte[] jpeg, int count)
    {
        var projectId = await CreateProjectAsync(projectName);
        var imageIds = await UploadImagesAsync(projectId, jpeg, count);
        await WaitForProjectDoneAsync(projectId, count, TimeSpan.FromMinutes(2));
        await AssertEveryImageCompletedAsync(projectId, imageIds);
        return imageIds;
    }

    /// <summary>
    /// Fails unless the project is completed with exact counts, lists exactly <paramref name="imageIds"/>, each completed
    /// with a result that downloads as a JPEG.
    /// </summary>
    public async Task AssertEveryImageCompletedAsync(string projectId, IReadOnlyCollection<string> imageIds)
    {
        var project = await GetProjectAsync(projectId);
        Assert.Equal("completed", project.GetProperty("status").GetString());
        Assert.Equal(imageIds.Count, project.GetProperty("imageCount").GetInt32());
        Assert.Equal(imageIds.Count, project.GetProperty("completedCount").GetInt32());
        Assert.Equal(0, project.GetProperty("failedCount").GetInt32());

        var images = await ListImagesAsync(projectId);
        Assert.Equal(imageIds.Order(), images.Select(image => image.GetProperty("id").GetString()!).Order());
        Assert.All(images, image => Assert.Equal("completed", image.GetProperty("status").GetString()));
        foreach (var image in images.Take(3))
        {
            var result = await DownloadAsync(image.GetProperty("resultImageUrl").GetString()!);
            Assert.True(result is [0xFF, 0xD8, 0xFF, ..], $"The result of {image.GetProperty("id").GetString()} is a JPEG.");
        }
    }

    /// <summary>The multipart body of an image upload.</summary>
    public static MultipartFormDataContent ImageForm(byte[] jpeg, string prompt)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(jpeg);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "photo.jpg");
        form.Add(new StringContent(prompt), "prompt");
        return form;
    }

    public Task<JsonElement> GetProjectAsync(string projectId) => GetAsync($"/v1/projects/{projectId}");

    public async Task<IReadOnlyList<JsonElement>> ListImagesAsync(string projectId) =>
        (await GetAsync($"/v1/projects/{projectId}/images")).GetProperty("items").EnumerateArray().ToList();

    /// <summary>Creates a draft video project of 5-second clips from completed images of the workspace (1:1 keeps renders small).</summary>
    public async Task<string> CreateVideoProjectAsync(string name, IReadOnlyList<string> sourceImageIds, bool transitions, bool ambientAudio = false)
    {
        var clips = sourceImageIds.Select((imageId, index) => new { imageId, prompt = $"slow zoom {index + 1}", durationSeconds = 5 }).ToArray();
        var video = await PostUntilAnsweredAsync(
            "/v1/video-projects",
            () => Json(new { name, clips, transitions, ambientAudio, aspectRatio = "1:1" }),
            HttpStatusCode.Created);
        return video.GetProperty("id").GetString()!;
    }

    /// <summary>Creates <paramref name="count"/> draft video projects named <c>{name} {n}</c> from the sources; <paramref name="transitions"/> says which (by n, from 1) have transitions.</summary>
    public async Task<IReadOnlyList<string>> CreateVideoProjectsAsync(string name, int count, IReadOnlyList<string> sourceImageIds, Func<int, bool> transitions)
    {
        var videoIds = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            videoIds.Add(await CreateVideoProjectAsync($"{name} {i}", sourceImageIds, transitions(i)));
        }

        return videoIds;
    }

    /// <summary>Starts generating a draft video project.</summary>
    public Task<JsonElement> GenerateAsync(string videoProjectId) =>
        PostUntilAnsweredAsync($"/v1/video-projects/{videoProjectId}/generate", () => new StringContent(""), HttpStatusCode.Accepted);

    public Task<JsonElement> GetVideoAsync(string videoProjectId) => GetAsync($"/v1/video-projects/{videoProjectId}");

    public async Task<IReadOnlyList<JsonElement>> ListClipsAsync(string videoProjectId) =>
        (await GetAsync($"/v1/video-projects/{videoProjectId}/clips")).GetProperty("items").EnumerateArray().ToList();

    /// <summary>Polls the video projects until every one of them is completed or failed.</summary>
    public Task<IReadOnlyList<JsonElement>> WaitForVideosDoneAsync(IReadOnlyList<string> videoProjectIds, TimeSpan timeout) =>
        WaitUntil.ValueAsync(
            async () => (IReadOnlyList<JsonElement>)await Task.WhenAll(videoProjectIds.Select(GetVideoAsync)),
            videos => videos.All(video => video.GetProperty("status").GetString() is "completed" or "failed"),
            $"all {videoProjectIds.Count} video projects are completed or failed",
            timeout,
            diagnostics);

    /// <summary>
    /// Fails unless the video project is completed with every clip completed once, a downloadable MP4 and a JPEG
    /// thumbnail; returns the MP4's bytes.
    /// </summary>
    public async Task<byte[]> AssertVideoCompletedAsync(string videoProjectId)
    {
        var video = await GetVideoAsync(videoProjectId);
        Assert.True(video.GetProperty("status").GetString() == "completed", $"Video project {videoProjectId} is completed: {video.GetRawText()}");
        Assert.Equal(video.GetProperty("clipCount").GetInt32(), video.GetProperty("completedClipCount").GetInt32());
        var clips = await ListClipsAsync(videoProjectId);
        Assert.Equal(video.GetProperty("clipCount").GetInt32(), clips.Count);
        Assert.All(clips, clip => Assert.Equal("completed", clip.GetProperty("status").GetString()));

        var output = video.GetProperty("output");
        var thumbnail = await DownloadAsync(output.GetProperty("thumbnailUrl").GetString()!);
        Assert.True(thumbnail is [0xFF, 0xD8, 0xFF, ..], $"The thumbnail of {videoProjectId} is a JPEG.");
        var mp4 = await DownloadAsync(output.GetProperty("videoUrl").GetString()!);
        Assert.True(mp4.Length > 8 && mp4.AsSpan(4, 4).SequenceEqual("ftyp"u8), $"The video of {videoProjectId} is an MP4.");
        return mp4;
    }

    /// <summary>Fails unless every video project is completed as <see cref="AssertVideoCompletedAsync"/> checks; returns the IDs of all their clips and transitions.</summary>
    public async Task<IReadOnlyList<string>> AssertEveryVideoCompletedAsync(IReadOnlyList<string> videoProjectIds)
    {
        var clipIds = new List<string>();
        foreach (var videoId in videoProjectIds)
        {
            await AssertVideoCompletedAsync(videoId);
            clipIds.AddRange((await ListClipsAsync(videoId)).Select(clip => clip.GetProperty("id").GetString()!));
        }

        return clipIds;
    }

    /// <summary>A GET that must answer 200; fails with the answer otherwise.</summary>
    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await http.GetAsync(path);
        return await ReadAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Polls the project (and nothing else, so no image grain is woken by the drill) until every image is done.</summary>
    public Task<JsonElement> WaitForProjectDoneAsync(string projectId, int imageCount, TimeSpan timeout) =>
        WaitUntil.ValueAsync(
            () => GetProjectAsync(projectId),
            project => project.GetProperty("completedCount").GetInt32() + project.GetProperty("failedCount").GetInt32() >= imageCount,
            $"every one of the {imageCount} images of project {projectId} is completed or failed",
            timeout,
            diagnostics);

    /// <summary>Downloads a signed file link with a plain GET, as a browser would.</summary>
    public async Task<byte[]> DownloadAsync(string url)
    {
        using var anonymous = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return await anonymous.GetByteArrayAsync(url);
    }

    /// <summary>
    /// POSTs with one idempotency key until the API answers <paramref name="expected"/>; 503s, "still in progress" 409s
    /// and unanswered attempts (the cluster is failing over) are retried, any other answer fails the drill at once.
    /// </summary>
    public async Task<JsonElement> PostUntilAnsweredAsync(string path, Func<HttpContent> body, HttpStatusCode expected)
    {
        var key = Guid.NewGuid().ToString("N");
        var (status, text) = await WaitUntil.ValueAsync(
            () => PostOnceAsync(path, body(), key),
            answer => answer.Status == expected || !IsRetryable(answer.Status, answer.Text),
            $"POST {path} is answered {(int)expected}",
            RetryFor,
            diagnostics,
            RetryPause);
        return status == expected
            ? Parse(text)
            : throw new DrillRequestException($"POST {path} answered {(int)status}, expected {(int)expected}: {text}");
    }

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new DrillRequestException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}, expected {(int)expected}: {body}");
        }

        return Parse(body);
    }

    private async Task<(HttpStatusCode Status, string Text)> PostOnceAsync(string path, HttpContent body, string idempotencyKey)
    {
        using var attempt = new CancellationTokenSource(AttemptTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request, attempt.Token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(attempt.Token));
    }

    private static bool IsRetryable(HttpStatusCode status, string text) =>
        status == HttpStatusCode.ServiceUnavailable
        || (status == HttpStatusCode.Conflict && text.Contains("still in progress", StringComparison.Ordinal));

    private static JsonElement Parse(string body) => body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
}
