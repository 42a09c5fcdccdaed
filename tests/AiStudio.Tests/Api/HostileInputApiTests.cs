using System.Net.Http.Headers;
using System.Text;

namespace AiStudio.Tests.Api;

/// <summary>Well over a hundred hostile requests across every route: each is a 4xx problem, none is a 5xx, and nothing stored changes.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class HostileInputApiTests(ApiClusterFixture fixture)
{
    private readonly ApiCalls _api = new(fixture);

    private static HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content = null, string? key = ApiClusterFixture.ApiKey)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }

    private static HttpRequestMessage Announced(HttpRequestMessage request)
    {
        request.Headers.ExpectContinue = true;
        return request;
    }

    private static StringContent Raw(string body, string contentType = "application/json")
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static IEnumerable<Func<HttpRequestMessage>> HostileRequests(string projectId, string imageId, string pendingImageId)
    {
        string[] readRoutes =
        [
            "/v1/projects", $"/v1/projects/{projectId}", $"/v1/projects/{projectId}/images", $"/v1/projects/{projectId}/events",
            $"/v1/images/{imageId}", $"/v1/images/{imageId}/versions",
        ];
        (string Path, Func<HttpContent> Body)[] writeRoutes =
        [
            ("/v1/projects", () => Raw("""{"name":"x"}""")),
            ($"/v1/projects/{projectId}/images", () => ApiCalls.Upload(TestImages.Png(8, 8), "x")),
            ($"/v1/images/{imageId}/edits", () => Raw("""{"prompt":"x"}""")),
            ($"/v1/images/{imageId}/retry", () => Raw("{}")),
        ];

        foreach (var route in readRoutes)
        {
            yield return () => Request(HttpMethod.Get, route, key: null);
            yield return () => Request(HttpMethod.Get, route, key: "not-a-key");
        }

        foreach (var (path, body) in writeRoutes)
        {
            yield return () => Request(HttpMethod.Post, path, body(), key: null);
            yield return () => Request(HttpMethod.Post, path, body(), key: ApiClusterFixture.ApiKey + "x");
        }

        // The other workspace's key on this workspace's resources.
        foreach (var route in readRoutes.Skip(1))
        {
            yield return () => Request(HttpMethod.Get, route, key: ApiClusterFixture.OtherApiKey);
        }

        foreach (var (path, body) in writeRoutes.Skip(1))
        {
            yield return () => Request(HttpMethod.Post, path, body(), key: ApiClusterFixture.OtherApiKey);
        }

        string[] malformedJson = ["", "{", "}", "{\"name\":", "[]", "null", "42", "\"text\"", "{'name':'x'}", "{\"name\":\"x\",}", "\u0000\u0001", "<xml/>"];
        foreach (var body in malformedJson)
        {
            yield return () => Request(HttpMethod.Post, "/v1/projects", Raw(body));
            yield return () => Request(HttpMethod.Post, $"/v1/images/{imageId}/edits", Raw(body));
            yield return () => Request(HttpMethod.Post, $"/v1/projects/{projectId}/images", Raw(body));
        }

        string[] wrongTypes =
        [
            """{"name":1}""", """{"name":true}""", """{"name":[]}""", """{"name":{}}""", """{"name":null}""", """{"name":""}""",
            $$"""{"name":"{{new string('n', 5000)}}"}""",
        ];
        foreach (var body in wrongTypes)
        {
            yield return () => Request(HttpMethod.Post, "/v1/projects", Raw(body));
        }

        string[] badEdits =
        [
            """{"prompt":1}""", """{"prompt":"x","editMode":1}""", """{"prompt":"x","editMode":"erase"}""", """{"prompt":"x","editMode":"REMOVE"}""",
            """{"prompt":"x","editMode":"add"}""", """{"prompt":"x","maskDataUrl":""}""", """{"prompt":"x","maskDataUrl":"data:,"}""",
            """{"prompt":"x","maskDataUrl":"data:image/png;base64,"}""", """{"prompt":"x","maskDataUrl":"data:image/png;base64,!!!!"}""",
            """{"prompt":"x","maskDataUrl":"data:image/svg+xml;base64,PHN2Zy8+"}""", """{"prompt":"x","maskDataUrl":"http://169.254.169.254/"}""",
            """{"prompt":"x","maskDataUrl":"data:image/png;base64,R0lGODlhAQABAAAAACw="}""", """{"prompt":"x","maskDataUrl":["a"]}""",
            """{"prompt":"","editMode":"remove"}""",
        ];
        foreach (var body in badEdits)
        {
            yield return () => Request(HttpMethod.Post, $"/v1/images/{imageId}/edits", Raw(body));
        }

        // Edits and retries the image's status does not allow.
        yield return () => Request(HttpMethod.Post, $"/v1/images/{pendingImageId}/edits", Raw("""{"prompt":"x"}"""));
        yield return () => Request(HttpMethod.Post, $"/v1/images/{imageId}/retry");
        yield return () => Request(HttpMethod.Post, $"/v1/images/{pendingImageId}/retry");

        string[] badImageUrls =
        [
            """{"imageUrl":"http://127.0.0.2/x.png","prompt":"x"}""", """{"imageUrl":"http://metadata.google.internal/","prompt":"x"}""",
            """{"imageUrl":"gopher://127.0.0.1/","prompt":"x"}""", """{"imageUrl":"//127.0.0.1/x.png","prompt":"x"}""",
            """{"imageUrl":"http://[::1]/x.png","prompt":"x"}""", """{"imageUrl":"http://0x7f000001/x.png","prompt":"x"}""",
            """{"imageUrl":"http://100.100.100.200/latest","prompt":"x"}""", """{"imageUrl":12,"prompt":"x"}""",
            """{"prompt":"x"}""", """{"imageUrl":"http://127.0.0.1:1/x.png"}""",
        ];
        foreach (var body in badImageUrls)
        {
            yield return () => Request(HttpMethod.Post, $"/v1/projects/{projectId}/images", Raw(body));
        }

        (byte[]? File, string? Prompt, string Name)[] badUploads =
        [
            (TestImages.NotAnImage, "x", "a.jpg"), (TestImages.PlaylistDisguisedAsImage, "x", "a.png"), ([], "x", "a.png"),
            ("GIF89a\u0001\u0000\u0001\u0000"u8.ToArray(), "x", "a.gif"), ("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray(), "x", "a.svg"),
            (TestImages.Png(2000, 1000), "x", "big.png"), (TestImages.Png(8, 8)[..20], "x", "cut.png"), (TestImages.Png(8, 8), null, "a.png"),
            (TestImages.Png(8, 8), new string('p', 3000), "a.png"), (null, "x", "a.png"),
        ];
        foreach (var (file, prompt, name) in badUploads)
        {
            yield return () => Request(HttpMethod.Post, $"/v1/projects/{projectId}/images", ApiCalls.Upload(file, prompt, name));
        }

        yield return () => Request(HttpMethod.Post, $"/v1/projects/{projectId}/images", Raw("--x\r\nbroken", "multipart/form-data; boundary=x"));
        yield return () => Request(HttpMethod.Post, $"/v1/projects/{projectId}/images", Raw("file=abc&prompt=x", "application/x-www-form-urlencoded"));
        yield return () => Request(HttpMethod.Post, $"/v1/projects/{projectId}/images", Raw("abc", "image/png"));
        yield return () => Request(HttpMethod.Post, "/v1/projects", Raw("name=x", "text/plain"));

        // Huge bodies announce themselves (Expect: 100-continue) so the client hears the 413 before it has sent megabytes.
        var huge = new string('a', 4 * 1024 * 1024);
        yield return () => Announced(Request(HttpMethod.Post, "/v1/projects", Raw($$"""{"name":"{{huge}}"}""")));
        yield return () => Announced(Request(HttpMethod.Post, $"/v1/images/{imageId}/edits", Raw($$"""{"prompt":"x","maskDataUrl":"data:image/png;base64,{{huge}}"}""")));
        yield return () => Announced(Request(HttpMethod.Post, $"/v1/projects/{projectId}/images", ApiCalls.Upload(Encoding.ASCII.GetBytes(huge), "x")));

        string[] pathTricks =
        [
            "/v1/images/..%2F..%2Fetc%2Fpasswd", "/v1/images/img_x%2F..%2F..", "/v1/images/%2e%2e", "/v1/images/img_%2e%2e%2fprj",
            "/v1/projects/prj_%C3%A9t%C3%A9", "/v1/projects/PRJ_ABC", $"/v1/projects/{projectId}%20", "/v1/images/" + "img_" + new string('a', 500),
            "/v1/images/img_a;b", "/v1/images/img_a'or'1'='1", "/v1/projects/prj_abc/images/../../images", "/v1/images/%00",
            "/files/ws/ws_one/images/x/original.png", "/files/%2e%2e/%2e%2e/etc/passwd?exp=9999999999&sig=AAAA",
            $"/files/ws/{ApiClusterFixture.WorkspaceId}/images/{imageId}/original.png?exp=9999999999&sig=AAAA",
            "/files/ws/ws_one/images/x/original.png?exp=abc&sig=", "/v1", "/v1/", "/v2/projects", "/v1/projects/prj_abc/events/extra",
        ];
        foreach (var path in pathTricks)
        {
            yield return () => Request(HttpMethod.Get, path);
        }

        string[] badQueries = ["?limit=0", "?limit=-1", "?limit=1000000000000", "?limit=abc", "?cursor=", "?cursor=abc", "?cursor=-5", $"?cursor={new string('9', 400)}"];
        foreach (var query in badQueries)
        {
            yield return () => Request(HttpMethod.Get, "/v1/projects" + query);
        }

        yield return () => Request(HttpMethod.Delete, $"/v1/projects/{projectId}");
        yield return () => Request(HttpMethod.Put, $"/v1/images/{imageId}", Raw("{}"));
        yield return () => Request(HttpMethod.Patch, "/v1/projects", Raw("{}"));
        yield return () =>
        {
            var request = Request(HttpMethod.Post, "/v1/projects", Raw("""{"name":"x"}"""));
            request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', 1000));
            return request;
        };
        yield return () =>
        {
            var request = Request(HttpMethod.Get, "/v1/projects/prj_doesnotexist/events");
            request.Headers.TryAddWithoutValidation("Last-Event-ID", "-1; drop table");
            return request;
        };
    }

    [Fact]
    public async Task Hostile_requests_are_each_a_4xx_problem_and_change_nothing()
    {
        var (projectId, imageId) = await _api.CompletedImageAsync();
        var pendingImageId = (await _api.UploadAsync(projectId, ScriptedImageRunner.Hold)).GetProperty("id").GetString()!;
        await _api.WaitForImageAsync(pendingImageId, "processing");
        var before = await _api.SnapshotAsync();
        var otherBefore = (await _api.GetAsync("/v1/projects?limit=100", fixture.OtherHttp)).GetRawText();
        using var client = fixture.Api.CreateClient();

        var failures = new List<string>();
        var count = 0;
        foreach (var create in HostileRequests(projectId, imageId, pendingImageId))
        {
            using var request = create();
            var description = $"{request.Method} {request.RequestUri}";
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request);
            }
            catch (HttpRequestException e)
            {
                failures.Add($"{description} -> {e.Message} {e.InnerException?.Message}");
                continue;
            }

            using var _ = response;
            count++;
            var status = (int)response.StatusCode;
            var contentType = response.Content.Headers.ContentType?.MediaType;
            if (status is < 400 or >= 500 || contentType != "application/problem+json")
            {
                // Kestrel itself refuses a NUL in the path before any application code runs: a 4xx, but not ours to shape.
                var refusedByServer = status == 400 && description.Contains("%00", StringComparison.Ordinal);
                if (!refusedByServer)
                {
                    failures.Add($"{description} -> {status} {contentType}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(count >= 100, $"Only {count} hostile requests were sent.");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await _api.SnapshotAsync());
        Assert.Equal(otherBefore, (await _api.GetAsync("/v1/projects?limit=100", fixture.OtherHttp)).GetRawText());
    }
}
