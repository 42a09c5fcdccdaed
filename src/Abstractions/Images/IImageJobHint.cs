namespace AiStudio.Images;

/// <summary>A provider callback reached the API for this image: its run should ask the provider now instead of at its next poll.</summary>
[Alias("AiStudio.Images.IImageJobHint")]
public interface IImageJobHint : IGrainWithStringKey
{
    /// <summary>Wakes the image's run if one is waiting on its provider; false when there is no such image.</summary>
    [Alias("Nudge")]
    Task<bool> NudgeAsync();
}
