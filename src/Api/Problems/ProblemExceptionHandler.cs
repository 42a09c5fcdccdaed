using AiStudio.Common;
using AiStudio.Usage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace AiStudio.Problems;

/// <summary>Turns every exception that reaches the pipeline into an RFC 9457 answer; only genuine faults stay 5xx.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            httpContext.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            return true;
        }

        var problem = ToProblem(exception);
        if (problem is null)
        {
            return false;
        }

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning(exception, "Cluster or database unavailable while serving {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = "5";
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        var context = new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception };
        if (await problemDetails.TryWriteAsync(context))
        {
            return true;
        }

        // The writers refuse clients that accept no JSON (an EventSource sends only text/event-stream); they still get the problem.
        ProblemDetailsDefaults.Customize(context);
        await httpContext.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, "application/problem+json", cancellationToken);
        return true;
    }

    /// <summary>The problem an exception answers with, or null for an unexpected fault (left to the default 500).</summary>
    public static ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        ApiProblemException e => Problem(e.Status, e.Title, e.Message, e.Errors),
        RequestRejectedException e => Problem(StatusCodes.Status400BadRequest, "Invalid request", e.Message,
            new Dictionary<string, string[]> { [e.Field] = [e.Message] }),
        TransitionRejectedException e => Problem(StatusCodes.Status409Conflict, "Conflict", e.Message),
        BudgetExceededException e => BudgetProblem(e),
        BadHttpRequestException e => FromBadRequest(e),
        _ when ClusterUnavailability.IsUnavailable(exception) => Problem(StatusCodes.Status503ServiceUnavailable, "Service Unavailable",
            "The processing cluster or its database cannot be reached right now; retry shortly."),
        _ => null,
    };

    /// <summary>402 naming the cap and the estimate, as fields too, so a client can show them without parsing the text.</summary>
    private static ProblemDetails BudgetProblem(BudgetExceededException exception)
    {
        var problem = Problem(StatusCodes.Status402PaymentRequired, "Budget exceeded", exception.Message);
        problem.Extensions["budgetCents"] = exception.BudgetCents;
        problem.Extensions["estimatedCents"] = exception.EstimateCents;
        return problem;
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException exception)
    {
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", "The request body is larger than this endpoint accepts.");
        }

        return Problem(exception.StatusCode, ReasonPhrases.GetReasonPhrase(exception.StatusCode), exception.Message);
    }

    private static ProblemDetails Problem(int status, string title, string detail, IDictionary<string, string[]>? errors = null)
    {
        var problem = errors is null ? new ProblemDetails() : new HttpValidationProblemDetails(errors);
        problem.Status = status;
        problem.Title = title;
        problem.Detail = detail;
        return problem;
    }
}
