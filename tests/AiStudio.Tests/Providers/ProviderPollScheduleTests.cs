using AiStudio.Providers;

namespace AiStudio.Tests.Providers;

public sealed class ProviderPollScheduleTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Maximum = TimeSpan.FromSeconds(10);

    [Fact]
    public void Polls_back_off_while_nothing_changes_up_to_the_maximum_with_jitter()
    {
        var schedule = new ProviderPollSchedule(Initial, Maximum);
        var delays = Enumerable.Range(0, 12).Select(_ => schedule.NextDelay(ProviderJobState.Queued)).ToList();

        Assert.InRange(delays[0], Initial * 0.8, Initial * 1.2);
        Assert.InRange(delays[1], Initial * 1.5 * 0.8, Initial * 1.5 * 1.2);
        Assert.All(delays, delay => Assert.InRange(delay, Initial * 0.8, Maximum * 1.2));
        Assert.InRange(delays[^1], Maximum * 0.8, Maximum * 1.2);
    }

    [Fact]
    public void A_new_report_from_the_provider_starts_the_back_off_again()
    {
        var schedule = new ProviderPollSchedule(Initial, Maximum);
        for (var i = 0; i < 8; i++)
        {
            schedule.NextDelay(new ProviderJobState(ProviderJobStatus.Queued, QueuePosition: 3));
        }

        var afterMove = schedule.NextDelay(new ProviderJobState(ProviderJobStatus.Queued, QueuePosition: 2));

        Assert.InRange(afterMove, Initial * 0.8, Initial * 1.2);
    }

    [Fact]
    public void A_failed_poll_keeps_backing_off()
    {
        var schedule = new ProviderPollSchedule(Initial, Maximum);
        schedule.NextDelay(ProviderJobState.Running);

        var delays = Enumerable.Range(0, 3).Select(_ => schedule.NextDelay(null)).ToList();

        Assert.True(delays[2] > Initial * 1.5, $"the third wait after failures was {delays[2]}");
    }

    [Fact]
    public void Runs_spread_their_polls_apart()
    {
        var delays = Enumerable.Range(0, 20).Select(_ => new ProviderPollSchedule(Initial, Maximum).NextDelay(ProviderJobState.Queued)).ToHashSet();

        Assert.True(delays.Count > 1, "twenty runs started together all polled at the same moment");
    }

    [Fact]
    public void A_maximum_below_the_first_interval_polls_steadily()
    {
        var schedule = new ProviderPollSchedule(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(15));

        var delays = Enumerable.Range(0, 4).Select(_ => schedule.NextDelay(ProviderJobState.Queued)).ToList();

        Assert.All(delays, delay => Assert.InRange(delay, TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(12)));
    }
}
