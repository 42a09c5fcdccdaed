namespace AiStudio.Videos;

/// <summary>Runs clip generation outside grain turns: submits to the provider, waits on its task, stores the result, reports back.</summary>
public interface IVideoClipRunner
{
    /// <summary>The provider the runs go to; its cluster-wide slots are leased under this name.</summary>
    string ProviderName { get; }

    /// <summary>Starts a run for the clip in the background and returns at once.</summary>
    void Start(string clipId);

    /// <summary>Asks the provider, in the background, to cancel a task of the clip that nobody waits on any more.</summary>
    void CancelProviderTask(string clipId, string providerTaskId);
}
