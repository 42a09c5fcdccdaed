namespace AiStudio.Tests.Videos;

/// <summary>
/// How a scripted provider task behaves: its status polls fail for <see cref="UnreachableFor"/> after the submit; it
/// waits in the provider's queue for <see cref="Queued"/> (its position falling by one every <see cref="QueueStep"/>,
/// reaching 0 for the last step), then runs for <see cref="Latency"/>; and it fails, is held until released, or yields
/// a given file. With <see cref="HoldSubmitUntilReleased"/> the submit itself waits for the release.
/// </summary>
public sealed record ScriptedTask(
    TimeSpan Latency,
    string? FailWith = null,
    bool HoldUntilReleased = false,
    string? ResultPath = null,
    bool HoldSubmitUntilReleased = false,
    TimeSpan Queued = default,
    TimeSpan UnreachableFor = default)
{
    public static readonly TimeSpan QueueStep = TimeSpan.FromMilliseconds(600);
}
