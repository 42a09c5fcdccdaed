using System.Globalization;
using AiStudio.Persistence;
using Microsoft.Extensions.Configuration;

namespace AiStudio.Usage;

/// <summary>
/// Counts one workspace's month. Its turns run one at a time, so checking the cap and committing an estimate is atomic
/// and parallel requests can never overshoot it.
/// </summary>
public sealed class WorkspaceUsageGrain(
    [PersistentState("workspace-usage", "store")] IPersistentState<WorkspaceUsageState> state,
    IConfiguration configuration) : Grain, IWorkspaceUsageGrain
{
    private string WorkspaceId => Key[..Key.LastIndexOf(':')];

    private string Key => this.GetPrimaryKeyString();

    /// <summary><c>Budgets:&lt;workspaceId&gt;:MonthlyCents</c>, read on each call so an operator's change applies without a restart.</summary>
    private long? Budget => configuration.GetValue<long?>($"Budgets:{WorkspaceId}:MonthlyCents");

    public async Task ReserveAsync(string jobKey, int estimateCents)
    {
        if (state.State.Committed.ContainsKey(jobKey) || state.State.Settled.Contains(jobKey))
        {
            return;
        }

        var used = state.State.SpentCents + state.State.CommittedCents;
        if (Budget is { } budget && used + estimateCents > budget)
        {
            throw new BudgetExceededException(budget, estimateCents, used);
        }

        state.State.Committed[jobKey] = estimateCents;
        state.State.CommittedCents += estimateCents;
        await state.WriteOrDeactivateAsync(this);
    }

    public async Task SettleAsync(string jobKey, int actualCents)
    {
        if (!state.State.Settled.Add(jobKey))
        {
            return;
        }

        if (state.State.Committed.Remove(jobKey, out var estimate))
        {
            state.State.CommittedCents -= estimate;
        }

        state.State.SpentCents += actualCents;
        await state.WriteOrDeactivateAsync(this);
    }

    public Task<WorkspaceUsage> GetAsync() => Task.FromResult(new WorkspaceUsage(
        DateTimeOffset.ParseExact(Key[(Key.LastIndexOf(':') + 1)..], "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        state.State.SpentCents,
        state.State.CommittedCents,
        Budget));
}
