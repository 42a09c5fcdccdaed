using AiStudio.Runs;
using AiStudio.Tests.Api;

namespace AiStudio.Tests.Runs;

public sealed class RunLeaseTests
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_lease_no_run_holds_is_stale_so_a_run_should_start()
    {
        var lease = new RunLease(_clock, StaleAfter);

        Assert.False(lease.IsClaimed);
        Assert.True(lease.IsStale);
        Assert.False(lease.IsActive(Guid.Empty));
    }

    [Fact]
    public void A_claimed_lease_is_adopted_by_the_run_that_starts_and_refuses_any_other()
    {
        var lease = new RunLease(_clock, StaleAfter);
        var run = Guid.NewGuid();

        lease.Claim();
        lease.Adopt(run);

        Assert.True(lease.IsClaimed);
        Assert.False(lease.IsStale);
        Assert.True(lease.IsActive(run));
        Assert.False(lease.IsActive(Guid.NewGuid()));
    }

    [Fact]
    public void Claiming_again_refuses_the_run_it_replaces()
    {
        var lease = new RunLease(_clock, StaleAfter);
        var replaced = Guid.NewGuid();
        lease.Adopt(replaced);

        lease.Claim();

        Assert.False(lease.IsActive(replaced));
        Assert.True(lease.IsClaimed);
    }

    [Fact]
    public void A_run_becomes_stale_once_silent_for_the_stale_period()
    {
        var lease = new RunLease(_clock, StaleAfter);
        lease.Adopt(Guid.NewGuid());

        _clock.Now += StaleAfter - TimeSpan.FromSeconds(1);
        Assert.False(lease.IsStale);

        _clock.Now += TimeSpan.FromSeconds(1);
        Assert.True(lease.IsStale);
    }

    [Fact]
    public void Hearing_from_the_active_run_keeps_it_fresh()
    {
        var lease = new RunLease(_clock, StaleAfter);
        var run = Guid.NewGuid();
        lease.Adopt(run);

        _clock.Now += StaleAfter - TimeSpan.FromSeconds(1);
        Assert.True(lease.IsActive(run));
        _clock.Now += StaleAfter - TimeSpan.FromSeconds(1);

        Assert.False(lease.IsStale);
    }

    [Fact]
    public void A_refused_run_does_not_keep_the_lease_fresh()
    {
        var lease = new RunLease(_clock, StaleAfter);
        lease.Adopt(Guid.NewGuid());

        _clock.Now += StaleAfter - TimeSpan.FromSeconds(1);
        Assert.False(lease.IsActive(Guid.NewGuid()));
        _clock.Now += TimeSpan.FromSeconds(1);

        Assert.True(lease.IsStale);
    }

    [Fact]
    public void A_released_lease_refuses_its_last_run_and_asks_for_a_new_one()
    {
        var lease = new RunLease(_clock, StaleAfter);
        var run = Guid.NewGuid();
        lease.Adopt(run);

        lease.Release();

        Assert.False(lease.IsActive(run));
        Assert.False(lease.IsClaimed);
        Assert.True(lease.IsStale);
    }
}
