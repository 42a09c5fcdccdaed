using AiStudio.Persistence;
using AiStudio.Usage;

namespace AiStudio.Images;

/// <summary>The image's side of the workspace's monthly usage: each attempt reserves its estimate before anything is stored, and settles once.</summary>
public sealed partial class ImageGenerationGrain
{
    /// <summary>Commits an attempt's estimate in the workspace's month before anything is stored, so a refusal leaves nothing behind.</summary>
    private async Task<ImageCost> ReserveAsync(string usageKey, int attempt, ImageOperation operation)
    {
        var estimate = prices.PriceOf(operation);
        await GrainFactory.GetGrain<IWorkspaceUsageGrain>(usageKey).ReserveAsync(UsageJobKey(Id, attempt), estimate);
        state.State.UsageKey = usageKey;
        state.State.UsageSettled = false;
        return new ImageCost(estimate, null);
    }

    /// <summary>Settles the finished attempt in the month it was reserved in; repeated by the reminder until it succeeds.</summary>
    private async Task SettleUsageAsync()
    {
        if (state.State.UsageKey is not { } usageKey || state.State.UsageSettled)
        {
            return;
        }

        await GrainFactory.GetGrain<IWorkspaceUsageGrain>(usageKey).SettleAsync(UsageJobKey(Id, state.State.Attempt), Record!.Cost?.Actual ?? 0);
        state.State.UsageSettled = true;
        await state.WriteOrDeactivateAsync(this);
    }

    /// <summary>One key per attempt: the provider's job key and the usage grain's, so a retry is a new job and a replay is not.</summary>
    private static string UsageJobKey(string imageId, int attempt) => $"{imageId}-{attempt}";
}
