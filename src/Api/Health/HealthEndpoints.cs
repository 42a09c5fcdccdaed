using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiStudio.Health;

public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    /// <summary><c>/health/live</c>: the process serves. <c>/health/ready</c>: cluster and database reachable, else 503 problem+json.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithTags("Health").AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .WithTags("Health").AllowAnonymous();
        return endpoints;
    }

    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        var checks = report.Entries.ToDictionary(
            entry => entry.Key,
            entry => new { status = entry.Value.Status.ToString().ToLowerInvariant(), description = entry.Value.Description });
        if (report.Status == HealthStatus.Healthy)
        {
            await context.Response.WriteAsJsonAsync(new { status = "healthy", checks });
            return;
        }

        var failing = report.Entries.Where(entry => entry.Value.Status != HealthStatus.Healthy).Select(entry => entry.Value.Description ?? entry.Key);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Service Unavailable",
            Detail = string.Join(" ", failing),
        };
        problem.Extensions["checks"] = checks;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(
            new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
