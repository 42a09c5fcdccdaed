using AiStudio.Problems;
using AiStudio.Providers;
using Microsoft.Extensions.Options;

namespace AiStudio.ProviderCallbacks;

public static class ProviderCallbackEndpoints
{
    /// <summary>
    /// The routes fal and Kling call when a job changes, mapped only when <c>Api:PublicBaseUrl</c> is set (otherwise
    /// jobs are polled). No API key: a fal callback proves itself by its signature; a Kling one is only a hint.
    /// </summary>
    public static IEndpointRouteBuilder MapProviderCallbackEndpoints(this IEndpointRouteBuilder endpoints, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["Api:PublicBaseUrl"]))
        {
            return endpoints;
        }

        endpoints.MapPost(ProviderCallbackLinks.FalRoute, ReceiveFalAsync).WithName("FalCallback").WithTags("Provider callbacks").AllowAnonymous();
        endpoints.MapPost(ProviderCallbackLinks.KlingRoute, ReceiveKlingAsync).WithName("KlingCallback").WithTags("Provider callbacks").AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> ReceiveFalAsync(
        HttpRequest request, FalWebhookVerifier verifier, ProviderJobHints hints, IOptions<FalWebhookOptions> options)
    {
        var body = await ReadBodyAsync(request, options.Value.MaxBodyBytes);
        if (body is null || !await verifier.VerifyAsync(request.Headers, body, request.HttpContext.RequestAborted))
        {
            throw new ApiProblemException(StatusCodes.Status401Unauthorized, "Unauthorized", "The fal webhook's signature is missing, stale or not valid.");
        }

        return await NudgeAsync(request, hints);
    }

    /// <summary>Kling signs nothing, so its body is never read: the job queries Kling with its own token.</summary>
    private static Task<IResult> ReceiveKlingAsync(HttpRequest request, ProviderJobHints hints) => NudgeAsync(request, hints);

    private static async Task<IResult> NudgeAsync(HttpRequest request, ProviderJobHints hints) =>
        await hints.NudgeAsync(request.Query[ProviderCallbackLinks.JobParameter].ToString())
            ? Results.NoContent()
            : throw ApiProblemException.NotFound("The callback names no known job.");

    /// <summary>The raw body, as signed; null when it is larger than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
