using AiStudio.Persistence;
using AiStudio.Usage;

namespace AiStudio.Videos;

/// <summary>The video project's side of the workspace's monthly usage: a run reserves its cost before it starts, and settles once.</summary>
public sealed partial class VideoProjectGrain
{
    /// <summary>Commits what the run will cost in the workspace's month before anything changes, so a refusal starts nothing.</summary>
    private async Task ReserveRunAsync(int run)
    {
        var usageKey = UsagePeriods.GrainKey(Project.WorkspaceId, DateTimeOffset.UtcNow);
        await GrainFactory.GetGrain<IWorkspaceUsageGrain>(usageKey).ReserveAsync(UsageJobKey(run), VideoCostCalculator.Remaining(Project));
        Project.UsageKey = usageKey;
    }

    /// <summary>
    /// Settles the current run once, with the work it added to what earlier runs settled, and shows that as the project's
    /// actual cost (a failed run charges the clips it completed, not the compile); repeated by the reminder until it succeeds.
    /// </summary>
    private async Task SettleUsageAsync()
    {
        if (Project.UsageKey is not { } usageKey || Project.UsageSettledRun >= Project.Run)
        {
            return;
        }

        var done = VideoCostCalculator.DoneSoFar(Project);
        await GrainFactory.GetGrain<IWorkspaceUsageGrain>(usageKey).SettleAsync(UsageJobKey(Project.Run), done - Project.SettledCents);
        Project.SettledCents = done;
        Project.ActualCost = done;
        Project.UsageSettledRun = Project.Run;
        await state.WriteOrDeactivateAsync(this);
    }

    private string UsageJobKey(int run) => $"{Id}-run-{run}";
}
