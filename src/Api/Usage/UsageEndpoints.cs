using AiStudio.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiStudio.Usage;

public static class UsageEndpoints
{
    /// <summary>The caller's workspace's spending this month, read from one usage grain.</summary>
    public static RouteGroupBuilder MapUsageEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/usage", GetAsync).WithTags("Usage").WithName("GetUsage");
        return v1;
    }

    private static async Task<Ok<UsageResponse>> GetAsync(Caller caller, IClusterClient client, TimeProvider time)
    {
        var usage = await client.GetGrain<IWorkspaceUsageGrain>(UsagePeriods.GrainKey(caller.WorkspaceId, time.GetUtcNow())).GetAsync();
        return TypedResults.Ok(new UsageResponse(usage.PeriodStart.UtcDateTime, usage.SpentCents, usage.CommittedCents, usage.BudgetCents));
    }
}
