using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Api;

/// <summary>The HTTP calls the API tests make over and over, and the state snapshot that bad input must leave unchanged.</summary>
public sealed class ApiCalls(ApiClusterFixture fixture)
{
    public HttpClient Client => fixture.Http;

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public static MultipartFormDataContent Upload(byte[]? file, string? prompt, string fileName = "photo.png", string contentType = "image/png")
    {
        var form = new MultipartFormDataContent();
        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(part, "file", fileName);
        }

        if (prompt is not null)
        {
            form.Add(new StringContent(prompt), "prompt");
        }

        return form;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<string> CreateProjectAsync(string name = "A project", HttpClient? client = null)
    {
        var project = await ReadJsonAsync(await (client ?? Client).PostAsync("/v1/projects", Json(new { name })), HttpStatusCode.Created);
        return project.GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> UploadAsync(string projectId, string prompt = "make it brighter", byte[]? image = null)
    {
        var response = await Client.PostAsync($"/v1/projects/{projectId}/images", Upload(image ?? TestImages.Png(64, 48), prompt));
        return await ReadJsonAsync(response, HttpStatusCode.Accepted);
    }

    public async Task<JsonElement> GetAsync(string path, HttpClient? client = null) =>
        await ReadJsonAsync(await (client ?? Client).GetAsync(path), HttpStatusCode.OK);

    /// <summary>Waits until the image shows <paramref name="status"/> and its project has taken that change in.</summary>
    public async Task<JsonElement> WaitForImageAsync(string imageId, string status)
    {
        var image = await WaitUntil.ValueAsync(
            () => GetAsync($"/v1/images/{imageId}"),
            image => image.GetProperty("status").GetString() == status,
            $"image {imageId} is {status}");
        var changedAt = image.GetProperty("updatedAt").GetDateTimeOffset();
        await WaitUntil.ValueAsync(
            () => GetAsync($"/v1/projects/{image.GetProperty("projectId").GetString()}"),
            project => project.GetProperty("updatedAt").GetDateTimeOffset() >= changedAt,
            $"the project of image {imageId} took in its {status} status");
        return image;
    }

    /// <summary>Waits until the project shows <paramref name="status"/> (it learns of its images' outcomes just after they do).</summary>
    public Task<JsonElement> WaitForProjectAsync(string projectId, string status) =>
        WaitUntil.ValueAsync(
            () => GetAsync($"/v1/projects/{projectId}"),
            project => project.GetProperty("status").GetString() == status,
            $"project {projectId} is {status}");

    /// <summary>A completed image of a new project, with the project settled too.</summary>
    public async Task<(string ProjectId, string ImageId)> CompletedImageAsync()
    {
        var projectId = await CreateProjectAsync();
        var imageId = (await UploadAsync(projectId)).GetProperty("id").GetString()!;
        await WaitForImageAsync(imageId, "completed");
        await WaitForProjectAsync(projectId, "completed");
        return (projectId, imageId);
    }

    /// <summary>Everything a request could change: the files in storage, and the listed projects and images of the workspace.</summary>
    public async Task<string> SnapshotAsync()
    {
        var files = Directory.EnumerateFiles(fixture.StorageRoot, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(fixture.StorageRoot, path))
            .Order(StringComparer.Ordinal);
        var projects = await GetAsync("/v1/projects?limit=100");
        var state = new StringBuilder().AppendJoin('\n', files).Append('\n').Append(StripLinks(projects.GetRawText()));
        foreach (var project in projects.GetProperty("items").EnumerateArray())
        {
            var id = project.GetProperty("id").GetString();
            state.Append('\n').Append(StripLinks((await GetAsync($"/v1/projects/{id}/images")).GetRawText()));
        }

        return state.ToString();
    }

    // Signed links carry an expiry that may roll over to the next hour between two snapshots.
    private static string StripLinks(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json, @"\?exp=\d+&sig=[A-Za-z0-9_-]+", "");
}
