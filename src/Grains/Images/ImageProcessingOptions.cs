namespace AiStudio.Images;

public sealed class ImageProcessingOptions
{
    /// <summary>How often an unfinished image checks that its processing is alive (the reminder period).</summary>
    public TimeSpan ResumeCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A run not heard from for this long is replaced by a new one.</summary>
    public TimeSpan StaleRunAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Processing that has not finished after this long fails with a reason.</summary>
    public TimeSpan ProcessingTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a run asks the provider about its task.</summary>
    public TimeSpan ProviderPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}
