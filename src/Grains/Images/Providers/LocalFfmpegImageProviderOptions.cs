namespace AiStudio.Images.Providers;

/// <summary>Settings of <see cref="LocalFfmpegImageProvider"/>; bound by <c>AddImageMedia</c> from <c>Storage:Root</c> and <c>Media:*</c>.</summary>
public sealed class LocalFfmpegImageProviderOptions
{
    /// <summary><c>Storage:Root</c>: the media directory shared by silos; jobs live under <c>{root}/.provider/images/{taskId}/</c>.</summary>
    public string StorageRoot { get; set; } = ".data/media";

    /// <summary><c>Media:MaxConcurrentJobs</c>: how many jobs this process runs at once.</summary>
    public int MaxConcurrentJobs { get; set; } = 2;

    /// <summary>
    /// <c>Media:JobLeaseTimeout</c>: a process running a job renews a lease on it; a job whose lease is older than this
    /// is taken to be orphaned by a dead process and is run again.
    /// </summary>
    public TimeSpan JobLeaseTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
