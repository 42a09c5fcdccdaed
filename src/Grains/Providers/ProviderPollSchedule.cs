namespace AiStudio.Providers;

/// <summary>
/// When a run asks its provider again: first after <c>initial</c>, then each wait half as long again up to
/// <c>maximum</c>, every wait jittered by up to a fifth either way so that runs started together do not poll together.
/// A change in what the provider reports (queued to running, a new queue position) starts again from <c>initial</c>.
/// A <c>maximum</c> below <c>initial</c> means polls at a steady <c>initial</c>.
/// </summary>
public sealed class ProviderPollSchedule(TimeSpan initial, TimeSpan maximum)
{
    private readonly TimeSpan _initial = initial;
    private readonly TimeSpan _ceiling = maximum > initial ? maximum : initial;

    private const double Growth = 1.5;
    private const double Jitter = 0.2;

    private TimeSpan _next = initial;
    private ProviderJobState? _lastSeen;

    /// <summary>The wait before the next poll, given what the provider just reported.</summary>
    public TimeSpan NextDelay(ProviderJobState? reported)
    {
        if (reported is not null && reported != _lastSeen)
        {
            _lastSeen = reported;
            _next = _initial;
        }

        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_ceiling.Ticks, (long)(_next.Ticks * Growth)));
        var spread = 1 + (Random.Shared.NextDouble() * 2 - 1) * Jitter;
        return TimeSpan.FromTicks((long)(delay.Ticks * spread));
    }
}
