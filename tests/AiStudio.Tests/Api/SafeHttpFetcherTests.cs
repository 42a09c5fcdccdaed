using System.Net;
using AiStudio.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiStudio.Tests.Api;

public sealed class SafeHttpFetcherTests : IAsyncLifetime
{
    private static readonly byte[] Body = "the remote body"u8.ToArray();
    private LoopbackHttpServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackHttpServer.StartAsync(app =>
        {
            app.MapGet("/body", () => Results.Bytes(Body, "image/png"));
            app.MapGet("/redirect", (string to) => Results.Redirect(to));
            app.MapGet("/loop", () => Results.Redirect("/loop"));
            app.MapGet("/large", () => Results.Bytes(new byte[64 * 1024], "application/octet-stream"));
            app.MapGet("/large-chunked", async (HttpResponse response) =>
            {
                for (var i = 0; i < 64; i++)
                {
                    await response.Body.WriteAsync(new byte[1024]);
                    await response.Body.FlushAsync();
                }
            });
            app.MapGet("/slow", async (CancellationToken cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
                return Results.Ok();
            });
            app.MapGet("/missing", () => Results.NotFound());
        });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static SafeHttpFetcher Fetcher(params string[] allowedHosts) => new(new SafeFetchOptions
    {
        AllowedHosts = [.. allowedHosts],
        MaxResponseBytes = 32 * 1024,
        Timeout = TimeSpan.FromSeconds(2),
        MaxRedirects = 5,
    });

    private Uri Url(string pathAndQuery) => new(_server.BaseUrl + pathAndQuery);

    private Uri RedirectTo(string target) => Url("/redirect?to=" + Uri.EscapeDataString(target));

    [Fact]
    public async Task An_allowed_host_is_fetched_with_its_content_type()
    {
        using var fetcher = Fetcher("127.0.0.1");

        var fetched = await fetcher.FetchAsync(Url("/body"));

        Assert.Equal(Body, fetched.Content);
        Assert.Equal("image/png", fetched.ContentType);
    }

    [Fact]
    public async Task Loopback_is_refused_without_connecting_when_not_allowed()
    {
        using var fetcher = Fetcher();

        await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.FetchAsync(Url("/body")));
        Assert.Equal(0, _server.Requests);
    }

    [Fact]
    public async Task A_host_name_is_checked_on_the_address_it_resolves_to()
    {
        using var fetcher = Fetcher("127.0.0.1");

        await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.FetchAsync(new Uri($"http://localhost:{_server.Port}/body")));
        Assert.Equal(0, _server.Requests);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://100.64.0.1/")]
    [InlineData("http://[fd00::1]/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/")]
    public async Task A_redirect_to_a_refused_destination_is_refused(string target)
    {
        using var fetcher = Fetcher("127.0.0.1");

        await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.FetchAsync(RedirectTo(target)));
    }

    [Fact]
    public async Task A_redirect_to_the_ipv4_mapped_form_of_an_allowed_address_is_refused()
    {
        using var fetcher = Fetcher("127.0.0.1");

        await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.FetchAsync(RedirectTo($"http://[::ffff:127.0.0.1]:{_server.Port}/body")));
        Assert.Equal(1, _server.Requests);
    }

    [Fact]
    public async Task A_redirect_to_a_permitted_destination_is_followed()
    {
        using var fetcher = Fetcher("127.0.0.1");

        var fetched = await fetcher.FetchAsync(RedirectTo("/body"));

        Assert.Equal(Body, fetched.Content);
        Assert.Equal(Url("/body"), fetched.FinalUri);
    }

    [Fact]
    public async Task More_than_five_redirects_are_refused()
    {
        using var fetcher = Fetcher("127.0.0.1");

        await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.FetchAsync(Url("/loop")));
        Assert.Equal(6, _server.Requests);
    }

    [Theory]
    [InlineData("/large")]
    [InlineData("/large-chunked")]
    public async Task A_body_over_the_size_limit_is_refused(string path)
    {
        using var fetcher = Fetcher("127.0.0.1");

        await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.FetchAsync(Url(path)));
    }

    [Fact]
    public async Task A_fetch_may_ask_for_a_smaller_limit()
    {
        using var fetcher = Fetcher("127.0.0.1");

        await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.FetchAsync(Url("/body"), maxBytes: 4));
    }

    [Fact]
    public async Task A_slow_server_fails_the_fetch_at_the_time_limit()
    {
        using var fetcher = Fetcher("127.0.0.1");

        var failure = await Assert.ThrowsAsync<FetchFailedException>(() => fetcher.FetchAsync(Url("/slow")));
        Assert.Contains("longer than", failure.Message);
    }

    [Fact]
    public async Task An_error_status_fails_the_fetch()
    {
        using var fetcher = Fetcher("127.0.0.1");

        var failure = await Assert.ThrowsAsync<FetchFailedException>(() => fetcher.FetchAsync(Url("/missing")));
        Assert.Contains(((int)HttpStatusCode.NotFound).ToString(), failure.Message);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.test/image.png")]
    [InlineData("gopher://example.test/")]
    [InlineData("http://user:secret@127.0.0.1/")]
    public async Task Only_plain_http_and_https_urls_are_fetched(string url)
    {
        using var fetcher = Fetcher("127.0.0.1");

        await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.FetchAsync(new Uri(url)));
    }
}
