namespace AiStudio.Providers;

/// <summary>
/// A provider task as its provider reports it: <see cref="ErrorMessage"/> once it failed (worded for the end user),
/// <see cref="QueuePosition"/> while the provider queues it and tells where, <see cref="CostCents"/> when the provider
/// reports what the task cost. <see cref="IsAccepted"/> is false while the provider has not taken the job yet (it
/// refused it for concurrency and the provider client submits it again later): a job's timeout counts from acceptance.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ProviderJobState(
    [property: Id(0)] ProviderJobStatus Status,
    [property: Id(1)] string? ErrorMessage = null,
    [property: Id(2)] int? QueuePosition = null,
    [property: Id(3)] int? CostCents = null,
    [property: Id(4)] bool IsAccepted = true)
{
    public static ProviderJobState Unknown { get; } = new(ProviderJobStatus.Unknown);

    public static ProviderJobState Queued { get; } = new(ProviderJobStatus.Queued);

    /// <summary>Refused for concurrency and waiting in the provider client to be submitted again.</summary>
    public static ProviderJobState AwaitingAcceptance { get; } = new(ProviderJobStatus.Queued, IsAccepted: false);

    public static ProviderJobState Running { get; } = new(ProviderJobStatus.Running);

    public static ProviderJobState Succeeded { get; } = new(ProviderJobStatus.Succeeded);

    public bool IsFinished => Status is ProviderJobStatus.Succeeded or ProviderJobStatus.Failed;

    public static ProviderJobState Failed(string errorMessage) => new(ProviderJobStatus.Failed, ErrorMessage: errorMessage);
}
