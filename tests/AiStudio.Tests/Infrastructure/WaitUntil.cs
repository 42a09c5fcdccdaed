using System.Diagnostics;

namespace AiStudio.Tests.Infrastructure;

/// <summary>
/// Bounded polling for asynchronous expectations: returns as soon as the condition holds, fails with a message naming
/// what was awaited, the last observed value and the last exception once the timeout passes. Use instead of delays.
/// </summary>
public static class WaitUntil
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Waits until <paramref name="condition"/> returns true.</summary>
    /// <param name="expectation">What is awaited, completing "Timed out waiting until …", e.g. "the image is completed".</param>
    /// <param name="timeout">How long to wait; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="diagnostics">Extra state to put in the failure message (e.g. a process's output), read only on timeout.</param>
    public static Task ConditionAsync(
        Func<Task<bool>> condition, string expectation, TimeSpan? timeout = null, Func<string>? diagnostics = null) =>
        ValueAsync(condition, satisfied => satisfied, expectation, timeout, diagnostics);

    /// <inheritdoc cref="ConditionAsync(Func{Task{bool}}, string, TimeSpan?, Func{string}?)"/>
    public static Task ConditionAsync(
        Func<bool> condition, string expectation, TimeSpan? timeout = null, Func<string>? diagnostics = null) =>
        ValueAsync(() => Task.FromResult(condition()), satisfied => satisfied, expectation, timeout, diagnostics);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="accept"/> holds for its value, and returns that value.</summary>
    /// <inheritdoc cref="ConditionAsync(Func{Task{bool}}, string, TimeSpan?, Func{string}?)" path="/param"/>
    /// <param name="pollInterval">The pause between probes, for probes that load what they poll (e.g. a POST); 50 ms when null.</param>
    public static async Task<T> ValueAsync<T>(
        Func<Task<T>> probe,
        Func<T, bool> accept,
        string expectation,
        TimeSpan? timeout = null,
        Func<string>? diagnostics = null,
        TimeSpan? pollInterval = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        var observed = false;
        T last = default!;
        Exception? lastFailure = null;

        while (true)
        {
            try
            {
                last = await probe();
                observed = true;
                if (accept(last))
                {
                    return last;
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                lastFailure = exception;
            }

            if (clock.Elapsed >= limit)
            {
                var lastValue = observed ? $" Last observed: {last}." : " No value was observed.";
                var failure = lastFailure is null ? string.Empty : $" Last exception: {lastFailure.GetType().Name}: {lastFailure.Message}";
                var details = diagnostics is null ? string.Empty : $"{Environment.NewLine}{diagnostics()}";
                throw new TimeoutException(
                    $"Timed out after {limit.TotalSeconds:0.#} s waiting until {expectation}.{lastValue}{failure}{details}", lastFailure);
            }

            await Task.Delay(pollInterval ?? DefaultPollInterval);
        }
    }
}
