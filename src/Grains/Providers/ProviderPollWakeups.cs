using System.Collections.Concurrent;

namespace AiStudio.Providers;

/// <summary>
/// Lets a grain cut short the wait of its own run between two provider polls. Runs are started by their grain on the
/// grain's silo, so a per-silo registry reaches them; a wake that arrives while the run is polling is kept for its next wait.
/// </summary>
public sealed class ProviderPollWakeups
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _wakes = new();

    public void Wake(string entityId) => _wakes.GetOrAdd(entityId, _ => NewWake()).TrySetResult();

    /// <summary>Waits <paramref name="delay"/>, or less when <see cref="Wake"/> is called for <paramref name="entityId"/>.</summary>
    public async Task WaitAsync(string entityId, TimeSpan delay, CancellationToken cancellationToken)
    {
        var wake = _wakes.GetOrAdd(entityId, _ => NewWake());
        try
        {
            await wake.Task.WaitAsync(delay, cancellationToken);
        }
        catch (TimeoutException)
        {
            // No hint came: the scheduled poll is due.
        }
        finally
        {
            _wakes.TryRemove(KeyValuePair.Create(entityId, wake));
        }
    }

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
