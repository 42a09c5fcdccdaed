namespace AiStudio.Images.Providers;

/// <summary>
/// Where a provider job is. <see cref="Unknown"/> means the provider holds no job under the task id (never submitted,
/// or released): submit it again.
/// </summary>
public enum ImageJobStatus
{
    Unknown,
    Queued,
    Running,
    Succeeded,
    Failed,
}
