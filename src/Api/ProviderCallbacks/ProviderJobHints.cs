using AiStudio.Common;
using AiStudio.Images;
using AiStudio.Providers;
using AiStudio.Videos;

namespace AiStudio.ProviderCallbacks;

/// <summary>Passes a provider callback on to the grain that owns the job, as a hint only: the grain's run asks the provider itself.</summary>
public sealed class ProviderJobHints(IClusterClient cluster)
{
    /// <summary>False when the job key names no image or clip.</summary>
    public async Task<bool> NudgeAsync(string? jobKey)
    {
        if (ProviderCallbackLinks.EntityIdOf(jobKey) is not { } entityId)
        {
            return false;
        }

        if (EntityIds.IsWellFormed(entityId, EntityIds.ImagePrefix))
        {
            return await cluster.GetGrain<IImageJobHint>(entityId).NudgeAsync();
        }

        return EntityIds.IsWellFormed(entityId, EntityIds.ClipPrefix) && await cluster.GetGrain<IClipJobHint>(entityId).NudgeAsync();
    }
}
