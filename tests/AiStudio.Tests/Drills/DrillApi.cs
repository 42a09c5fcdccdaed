using System.Diagnostics;
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
        var clock = Stopwatch.StartNew();
        var lastFailure = "none";
        while (true)
        {
            try
            {
                using var attempt = new CancellationTokenSource(AttemptTimeout);
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body() };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await http.SendAsync(request, attempt.Token);
                var text = await response.Content.ReadAsStringAsync(attempt.Token);
                if (response.StatusCode == expected)
                {
                    return await ReadAsync(response, expected);
                }

                var retryable = response.StatusCode == HttpStatusCode.ServiceUnavailable
                    || (response.StatusCode == HttpStatusCode.Conflict && text.Contains("still in progress", StringComparison.Ordinal));
                if (!retryable)
                {
                    throw new DrillRequestException($"POST {path} answered {(int)response.StatusCode}, expected {(int)expected}: {text}");
                }

                lastFailure = $"{(int)response.StatusCode}: {text}";
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                lastFailure = $"{e.GetType().Name}: {e.Message}";
            }

            if (clock.Elapsed > RetryFor)
            {
                throw new TimeoutException($"POST {path} was not answered {(int)expected} within {RetryFor.TotalSeconds:0} s; last: {lastFailure}{Environment.NewLine}{diagnostics()}");
            }

            await Task.Delay(RetryPause);
        }
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

        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}
