namespace AiStudio.Videos;

/// <summary>A provider callback reached the API for this clip: its run should ask the provider now instead of at its next poll.</summary>
[Alias("AiStudio.Videos.IClipJobHint")]
public interface IClipJobHint : IGrainWithStringKey
{
    /// <summary>Wakes the clip's run if one is waiting on its provider; false when there is no such clip.</summary>
    [Alias("Nudge")]
    Task<bool> NudgeAsync();
}
