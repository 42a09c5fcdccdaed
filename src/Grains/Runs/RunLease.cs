namespace AiStudio.Runs;

/// <summary>
/// The one run a grain lets work on it. The grain claims the lease when it starts a run, the run adopts it with its ID
/// on its first call, and every later call is heard only from that ID: a replaced run is refused and stops. A run
/// silent for <c>staleAfter</c> is presumed dead, so the grain may start another. Lives in memory, like the run.
/// </summary>
public sealed class RunLease(TimeProvider clock, TimeSpan staleAfter)
{
    private Guid? _runId;
    private DateTimeOffset _lastHeardFrom;

    /// <summary>A run was started or adopted and not released since.</summary>
    public bool IsClaimed => _runId is not null;

    /// <summary>No run works on the grain, or the one that did has been silent too long: a new one should start.</summary>
    public bool IsStale => _runId is null || clock.GetUtcNow() - _lastHeardFrom >= staleAfter;

    /// <summary>Claims the lease for a run about to start; every run before it is refused from now on.</summary>
    public void Claim() => HoldFor(Guid.Empty);

    /// <summary>Hands the lease to the run that just started and introduced itself.</summary>
    public void Adopt(Guid runId) => HoldFor(runId);

    /// <summary>True when <paramref name="runId"/> holds the lease, and then it counts as heard from now.</summary>
    public bool IsActive(Guid runId)
    {
        if (_runId != runId)
        {
            return false;
        }

        _lastHeardFrom = clock.GetUtcNow();
        return true;
    }

    /// <summary>The work ended: no run holds the lease, and a late call of the last one is refused.</summary>
    public void Release() => _runId = null;

    private void HoldFor(Guid runId)
    {
        _runId = runId;
        _lastHeardFrom = clock.GetUtcNow();
    }
}
