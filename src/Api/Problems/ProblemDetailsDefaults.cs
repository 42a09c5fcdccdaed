using Microsoft.AspNetCore.Http.Features;

namespace AiStudio.Problems;

/// <summary>Fills what the framework leaves empty on its own problems (404, 405, 415 …): a detail and a trace id.</summary>
public static class ProblemDetailsDefaults
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var request = context.HttpContext.Request;
        problem.Status ??= context.HttpContext.Response.StatusCode;
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status400BadRequest => "The request is malformed.",
            StatusCodes.Status401Unauthorized => "A valid API key is required: send 'Authorization: Bearer <apiKey>'.",
            StatusCodes.Status404NotFound => $"Nothing exists at {request.Method} {request.Path}.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}.",
            StatusCodes.Status413PayloadTooLarge => "The request body is larger than this endpoint accepts.",
            StatusCodes.Status415UnsupportedMediaType => "The request's Content-Type is not supported by this endpoint.",
            StatusCodes.Status500InternalServerError => "The server failed to handle the request.",
            _ => problem.Title,
        };
        problem.Extensions.TryAdd("traceId", context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity.Id ?? context.HttpContext.TraceIdentifier);
    }
}
