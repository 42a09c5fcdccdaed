using AiStudio.Auth;
using AiStudio.Images;
using AiStudio.Problems;
using Microsoft.Extensions.Options;

namespace AiStudio.Idempotency;

/// <summary>
/// Honours <c>Idempotency-Key</c> on endpoints marked <see cref="IdempotentRequestMetadata"/>: the first request with a key
/// runs and its response (success or 4xx) is stored; a repeat with the same body gets that response back and runs
/// nothing; the same key with another body is 422; a repeat while the first still runs is 409. Faults (5xx) release
/// the key so the client can retry.
/// </summary>
public sealed class IdempotencyMiddleware(
    RequestDelegate next,
    IClusterClient client,
    IOptions<IdempotencyOptions> options,
    IOptions<ImagesOptions> images,
    IProblemDetailsService problemDetails,
    ILogger<IdempotencyMiddleware> logger)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;

    public async Task InvokeAsync(HttpContext context)
    {
        var caller = Caller.From(context.User);
        if (!HttpMethods.IsPost(context.Request.Method)
            || context.GetEndpoint()?.Metadata.GetMetadata<IdempotentRequestMetadata>() is null
            || !context.Request.Headers.TryGetValue(HeaderName, out var keyValues)
            || caller is null)
        {
            await next(context);
            return;
        }

        var key = keyValues.Count == 1 ? keyValues[0] : null;
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength || key.Any(c => c < 0x20 || c > 0x7E))
        {
            throw ApiProblemException.InvalidField(HeaderName, $"{HeaderName} must be 1-{MaxKeyLength} printable ASCII characters.");
        }

        var maxBody = images.Value.MaxJsonBodyBytes;
        var fingerprint = await RequestFingerprint.ComputeAsync(context.Request, maxBody, context.RequestAborted);
        var grain = client.GetGrain<IIdempotencyGrain>(IdempotencyKeys.GrainKey(caller.WorkspaceId, key));
        var claim = await grain.ClaimAsync(fingerprint, options.Value.Lease, options.Value.Retention);
        switch (claim.Outcome)
        {
            case IdempotencyClaimOutcome.Replay:
                await ReplayAsync(context, claim.Response!);
                return;
            case IdempotencyClaimOutcome.InProgress:
                throw ApiProblemException.Conflict($"A request with this {HeaderName} is still in progress; retry later.");
            case IdempotencyClaimOutcome.Mismatch:
                throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Unprocessable Content",
                    $"This {HeaderName} was already used with a different request.");
        }

        await RunAndStoreAsync(context, grain, claim.ClaimId);
    }

    private async Task RunAndStoreAsync(HttpContext context, IIdempotencyGrain grain, Guid claimId)
    {
        var originalBody = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (ProblemExceptionHandler.ToProblem(e) is { Status: < 500 } problem)
            {
                // Refusals are answers too: a repeat must get the same one without running anything.
                context.Response.StatusCode = problem.Status!.Value;
                await problemDetails.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = e });
            }
        }
        catch
        {
            context.Response.Body = originalBody;
            await ReleaseAsync(grain, claimId);
            throw;
        }

        context.Response.Body = originalBody;
        if (context.Response.StatusCode >= 500)
        {
            await ReleaseAsync(grain, claimId);
        }
        else
        {
            var response = new StoredResponse(
                context.Response.StatusCode, context.Response.ContentType, context.Response.Headers.Location, captured.ToArray());
            try
            {
                await grain.CompleteAsync(claimId, response);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not store the response of an idempotent request; its key lapses after the lease");
            }
        }

        captured.Position = 0;
        await captured.CopyToAsync(originalBody, context.RequestAborted);
    }

    private async Task ReleaseAsync(IIdempotencyGrain grain, Guid claimId)
    {
        try
        {
            await grain.ReleaseAsync(claimId);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not release an idempotency key; it lapses after the lease");
        }
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
        context.Response.StatusCode = stored.StatusCode;
        context.Response.ContentType = stored.ContentType;
        if (stored.Location is not null)
        {
            context.Response.Headers.Location = stored.Location;
        }

        context.Response.Headers[ReplayedHeaderName] = "true";
        await context.Response.Body.WriteAsync(stored.Body, context.RequestAborted);
    }
}
