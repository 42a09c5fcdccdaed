using Orleans.Concurrency;

namespace AiStudio.Usage;

/// <summary>
/// A workspace's spending in one calendar month (key: <see cref="UsagePeriods.GrainKey"/>). Work is reserved here before it
/// starts and settled when it finishes, each under its job key, so a repeated report counts once.
/// </summary>
[Alias("AiStudio.Usage.IWorkspaceUsageGrain")]
public interface IWorkspaceUsageGrain : IGrainWithStringKey
{
    /// <summary>Commits <paramref name="estimateCents"/> for a job; throws <see cref="BudgetExceededException"/> when the monthly cap forbids it.</summary>
    [Alias("Reserve")]
    Task ReserveAsync(string jobKey, int estimateCents);

    /// <summary>Moves the job's estimate out of committed and adds <paramref name="actualCents"/> to spent.</summary>
    [Alias("Settle")]
    Task SettleAsync(string jobKey, int actualCents);

    [Alias("Get"), AlwaysInterleave]
    Task<WorkspaceUsage> GetAsync();
}
