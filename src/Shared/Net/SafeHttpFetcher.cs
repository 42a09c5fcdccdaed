using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace AiStudio.Net;

/// <summary>
/// Fetches untrusted URLs without letting them reach internal services (SSRF). Every connection is checked on
/// the address it actually connects to, so a name that resolves differently later (DNS rebinding) still fails;
/// redirects are followed by hand and each hop is checked again; body size and total time are bounded.
/// </summary>
public sealed class SafeHttpFetcher : IDisposable
{
    private readonly SafeFetchOptions _options;
    private readonly HttpClient _client;

    public SafeHttpFetcher(SafeFetchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _client = new HttpClient(GuardedHttpHandler.Create(options)) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("AiStudio", "1.0"));
    }

    /// <summary>
    /// GETs <paramref name="url"/> and returns its body.
    /// Throws <see cref="FetchRefusedException"/> when the policy refuses it, <see cref="FetchFailedException"/> when the fetch fails.
    /// </summary>
    public async Task<FetchedContent> FetchAsync(Uri url, long? maxBytes = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var limit = Math.Min(maxBytes ?? _options.MaxResponseBytes, _options.MaxResponseBytes);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.Timeout);
        try
        {
            return await FetchFollowingRedirectsAsync(url, limit, deadline.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FetchFailedException($"Fetching the URL took longer than {_options.Timeout.TotalSeconds:0} seconds.", e);
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task<FetchedContent> FetchFollowingRedirectsAsync(Uri url, long limit, CancellationToken cancellationToken)
    {
        var current = url;
        for (var hop = 0; ; hop++)
        {
            EnsurePermittedUrl(current);
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            using var response = await SendAsync(request, cancellationToken);

            if (IsRedirect(response.StatusCode))
            {
                if (hop >= _options.MaxRedirects)
                {
                    throw new FetchRefusedException($"The URL redirected more than {_options.MaxRedirects} times.");
                }

                var location = response.Headers.Location ?? throw new FetchFailedException("The URL redirected without a Location.");
                current = location.IsAbsoluteUri ? location : new Uri(current, location);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new FetchFailedException($"The server answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            var content = await ReadBoundedAsync(response.Content, limit, cancellationToken);
            return new FetchedContent(current, response.Content.Headers.ContentType?.MediaType, content);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e) when (FindRefusal(e) is { } refusal)
        {
            throw refusal;
        }
        catch (HttpRequestException e)
        {
            throw new FetchFailedException($"The URL could not be fetched: {e.Message}", e);
        }
    }

    private void EnsurePermittedUrl(Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new FetchRefusedException("Only http and https URLs can be fetched.");
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            throw new FetchRefusedException("URLs with credentials cannot be fetched.");
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > limit)
        {
            throw new FetchRefusedException($"The response is larger than {limit} bytes.");
        }

        await using var body = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new FetchRefusedException($"The response is larger than {limit} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static FetchRefusedException? FindRefusal(Exception exception)
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (current is FetchRefusedException refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

}
