namespace AiStudio.Providers;

/// <summary>
/// A provider task as its provider reports it: <see cref="ErrorMessage"/> once it failed (worded for the end user),
/// <see cref="QueuePosition"/> while the provider queues it and tells where, <see cref="CostCents"/> when the provider
/// reports what the task cost.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ProviderJobState(
    [property: Id(0)] ProviderJobStatus Status,
    [property: Id(1)] string? ErrorMessage = null,
    [property: Id(2)] int? QueuePosition = null,
    [property: Id(3)] int? CostCents = null)
{
    public static ProviderJobState Unknown { get; } = new(ProviderJobStatus.Unknown);

    public static ProviderJobState Queued { get; } = new(ProviderJobStatus.Queued);

    public static ProviderJobState Running { get; } = new(ProviderJobStatus.Running);

    public static ProviderJobState Succeeded { get; } = new(ProviderJobStatus.Succeeded);

    public bool IsFinished => Status is ProviderJobStatus.Succeeded or ProviderJobStatus.Failed;

    public static ProviderJobState Failed(string errorMessage) => new(ProviderJobStatus.Failed, ErrorMessage: errorMessage);
}
