using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AiStudio.Files;

namespace AiStudio.Tests.Api;

/// <summary>Routing, auth, body checks, file links and outage answers: everything the API decides before reaching the cluster.</summary>
public sealed class ApiWithoutClusterTests(ApiWithoutClusterFixture fixture) : IClassFixture<ApiWithoutClusterFixture>
{
    private readonly HttpClient _client = fixture.Api.CreateClient(ApiWithoutClusterFixture.ApiKey);
    private readonly HttpClient _anonymous = fixture.Api.CreateClient();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("/v1/projects")]
    [InlineData("/v1/projects/prj_abc")]
    [InlineData("/v1/projects/prj_abc/images")]
    [InlineData("/v1/projects/prj_abc/events")]
    [InlineData("/v1/images/img_abc")]
    [InlineData("/v1/images/img_abc/versions")]
    public async Task Every_route_without_a_key_is_401(string path)
    {
        var problem = await ProblemAssertions.AssertProblemAsync(await _anonymous.GetAsync(path), HttpStatusCode.Unauthorized);
        Assert.Contains("API key", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("Bearer wrong-key")]
    [InlineData("Bearer test-key-without-cluster-000")]
    [InlineData("Basic dGVzdDp0ZXN0")]
    [InlineData("test-key-without-cluster-0001")]
    public async Task A_wrong_key_or_scheme_is_401(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/projects") { Content = Json("""{"name":"x"}""") };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        await ProblemAssertions.AssertProblemAsync(await _anonymous.SendAsync(request), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/nothing-here")]
    [InlineData("/v1/unknown")]
    [InlineData("/v1/projects/prj_abc/unknown")]
    public async Task An_unknown_route_is_404_problem(string path)
    {
        await ProblemAssertions.AssertProblemAsync(await _client.GetAsync(path), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_wrong_method_is_405_problem()
    {
        await ProblemAssertions.AssertProblemAsync(await _client.DeleteAsync("/v1/projects"), HttpStatusCode.MethodNotAllowed);
        await ProblemAssertions.AssertProblemAsync(await _client.PutAsync("/v1/images/img_abc/retry", Json("{}")), HttpStatusCode.MethodNotAllowed);
    }

    [Theory]
    [InlineData("/v1/images/not-an-id")]
    [InlineData("/v1/images/img_ABC")]
    [InlineData("/v1/images/img_")]
    [InlineData("/v1/images/prj_abc")]
    [InlineData("/v1/images/img_a%2F..%2F..%2Fetc")]
    [InlineData("/v1/projects/img_abc")]
    [InlineData("/v1/projects/..%2F..%2Fprj_x")]
    public async Task A_malformed_id_is_404_without_asking_the_cluster(string path)
    {
        await ProblemAssertions.AssertProblemAsync(await _client.GetAsync(path), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_null_byte_in_the_path_is_refused_by_the_server_before_routing()
    {
        // Kestrel itself answers this one (an empty 400), before any application code runs.
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/v1/images/img_abc%00")).StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        await ProblemAssertions.AssertProblemAsync(
            await _client.PostAsync("/v1/projects", new StringContent("name=x", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"just a string\"")]
    [InlineData("null")]
    [InlineData("")]
    public async Task A_malformed_json_body_is_400(string body)
    {
        await ProblemAssertions.AssertProblemAsync(await _client.PostAsync("/v1/projects", Json(body)), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("""{"name": 5}""")]
    [InlineData("""{"name": {"nested": true}}""")]
    [InlineData("""{"name": ["a"]}""")]
    [InlineData("""{"name": null}""")]
    [InlineData("""{"name": "   "}""")]
    [InlineData("""{}""")]
    public async Task A_missing_or_mistyped_name_is_400_naming_the_field(string body)
    {
        var problem = await ProblemAssertions.AssertProblemAsync(await _client.PostAsync("/v1/projects", Json(body)), HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssertions.FieldErrors(problem, "name"));
    }

    [Fact]
    public async Task A_name_over_the_limit_is_400()
    {
        var problem = await ProblemAssertions.AssertProblemAsync(
            await _client.PostAsync("/v1/projects", Json($$"""{"name": "{{new string('n', 201)}}"}""")), HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssertions.FieldErrors(problem, "name"));
    }

    [Fact]
    public async Task A_huge_body_is_413()
    {
        var huge = $$"""{"name": "{{new string('n', 3 * 1024 * 1024)}}"}""";
        // As curl does for a body this large, the client waits for "100 Continue" before sending it; the API refuses at
        // once from Content-Length. A client that streams the body regardless may find the connection closed under it.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/projects") { Content = Json(huge) };
        request.Headers.ExpectContinue = true;

        await ProblemAssertions.AssertProblemAsync(await _client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    [InlineData("ten")]
    public async Task A_bad_page_size_is_400(string limit)
    {
        var problem = await ProblemAssertions.AssertProblemAsync(await _client.GetAsync($"/v1/projects?limit={limit}"), HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssertions.FieldErrors(problem, "limit"));
    }

    [Fact]
    public async Task Without_a_cluster_requests_answer_503_quickly()
    {
        var clock = Stopwatch.StartNew();
        var problem = await ProblemAssertions.AssertProblemAsync(await _client.GetAsync("/v1/projects/prj_abc"), HttpStatusCode.ServiceUnavailable);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Took {clock.Elapsed}");
        Assert.Contains("retry", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Readiness_fails_with_a_503_problem_when_cluster_and_database_are_down()
    {
        var clock = Stopwatch.StartNew();
        var problem = await ProblemAssertions.AssertProblemAsync(await _anonymous.GetAsync("/health/ready"), HttpStatusCode.ServiceUnavailable);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Took {clock.Elapsed}");
        Assert.Equal("unhealthy", problem.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("unhealthy", problem.GetProperty("checks").GetProperty("cluster").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Liveness_and_the_openapi_document_need_no_key()
    {
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync("/health/live")).StatusCode);
        var openApi = await _anonymous.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/v1/projects/{projectId}/images", openApi);
    }

    private FileLinkSigner Signer(TimeProvider clock) =>
        new(ApiWithoutClusterFixture.SigningKey, TimeSpan.FromHours(24), clock);

    private string StoreFile(string key, byte[] content)
    {
        var path = Path.Combine(fixture.StorageRoot, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return key;
    }

    [Fact]
    public async Task A_signed_link_serves_the_file_with_its_content_type_and_ranges_without_a_key()
    {
        var content = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var key = StoreFile($"ws/{ApiWithoutClusterFixture.WorkspaceId}/images/img_filetest/original.png", content);
        var path = Signer(TimeProvider.System).CreatePath(key, DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds());

        using var whole = await _anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("image/png", whole.Content.Headers.ContentType?.MediaType);
        Assert.Equal(content, await whole.Content.ReadAsByteArrayAsync());

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Range = new RangeHeaderValue(10, 19);
        using var part = await _anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(content[10..20], await part.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_tampered_link_is_403()
    {
        var key = StoreFile($"ws/{ApiWithoutClusterFixture.WorkspaceId}/images/img_tampered/original.png", [1, 2, 3]);
        var path = Signer(TimeProvider.System).CreatePath(key, DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds());

        await ProblemAssertions.AssertProblemAsync(await _anonymous.GetAsync(path.Replace("img_tampered", "img_tampereX")), HttpStatusCode.Forbidden);
        await ProblemAssertions.AssertProblemAsync(await _anonymous.GetAsync(path.Replace("exp=", "exp=1")), HttpStatusCode.Forbidden);
        await ProblemAssertions.AssertProblemAsync(await _anonymous.GetAsync(path[..^3]), HttpStatusCode.Forbidden);
        await ProblemAssertions.AssertProblemAsync(await _anonymous.GetAsync("/files/" + key), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_expired_link_is_403()
    {
        var key = StoreFile($"ws/{ApiWithoutClusterFixture.WorkspaceId}/images/img_expired/original.png", [1, 2, 3]);
        var path = Signer(TimeProvider.System).CreatePath(key, DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds());

        var problem = await ProblemAssertions.AssertProblemAsync(await _anonymous.GetAsync(path), HttpStatusCode.Forbidden);
        Assert.Contains("expired", problem.GetProperty("detail").GetString());
    }
}
