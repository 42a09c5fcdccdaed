namespace AiStudio.Providers;

/// <summary>
/// Where a provider task is. <see cref="Unknown"/> means the provider holds no task under the id (never submitted,
/// lost, or forgotten): the caller submits the same job key again.
/// </summary>
[GenerateSerializer]
public enum ProviderJobStatus
{
    Unknown,
    Queued,
    Running,
    Succeeded,
    Failed,
}
