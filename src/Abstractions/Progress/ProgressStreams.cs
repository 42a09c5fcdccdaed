namespace AiStudio.Progress;

/// <summary>
/// Names shared by the silos (publishers) and the API (subscriber) for progress streams. A project's stream is
/// <c>StreamId.Create(namespace, projectId)</c> on provider <see cref="ProviderName"/>.
/// </summary>
public static class ProgressStreams
{
    public const string ProviderName = "progress";
    public const string PubSubStoreName = "PubSubStore";
    public const string ProjectNamespace = "project-progress";
    public const string VideoProjectNamespace = "video-progress";
}
