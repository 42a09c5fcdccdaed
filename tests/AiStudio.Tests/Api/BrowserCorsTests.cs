using System.Net;

namespace AiStudio.Tests.Api;

/// <summary>Cross-origin calls from browsers: only the origins of <c>Cors:AllowedOrigins</c> may read answers.</summary>
public sealed class BrowserCorsTests(ApiWithoutClusterFixture fixture) : IClassFixture<ApiWithoutClusterFixture>
{
    private readonly HttpClient _browser = fixture.Api.CreateClient();

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_may_send_the_key_and_last_event_id()
    {
        using var preflight = Preflight(ApiWithoutClusterFixture.AllowedOrigin, "GET", "authorization,last-event-id");

        using var response = await _browser.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(ApiWithoutClusterFixture.AllowedOrigin, Header(response, "Access-Control-Allow-Origin"));
        var allowed = Header(response, "Access-Control-Allow-Headers")!.ToLowerInvariant();
        Assert.Contains("authorization", allowed);
        Assert.Contains("last-event-id", allowed);
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task A_preflight_for_a_write_with_an_idempotency_key_is_allowed()
    {
        using var preflight = Preflight(ApiWithoutClusterFixture.AllowedOrigin, "POST", "authorization,content-type,idempotency-key");

        using var response = await _browser.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains("POST", Header(response, "Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task A_preflight_from_another_origin_is_not_allowed()
    {
        using var preflight = Preflight("https://elsewhere.example", "GET", "authorization");

        using var response = await _browser.SendAsync(preflight);

        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task An_error_answer_to_an_allowed_origin_is_readable_by_its_page()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/projects");
        request.Headers.Add("Origin", ApiWithoutClusterFixture.AllowedOrigin);

        using var response = await _browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ApiWithoutClusterFixture.AllowedOrigin, Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task An_answer_to_another_origin_carries_no_cors_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/projects");
        request.Headers.Add("Origin", "https://elsewhere.example");

        using var response = await _browser.SendAsync(request);

        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string origin, string method, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/v1/projects");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
