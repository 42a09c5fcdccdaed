using System.Diagnostics;
using AiStudio.Providers;

namespace AiStudio.Tests.ProviderCallbacks;

/// <summary>A provider callback's hint reaches the run through <see cref="ProviderPollWakeups"/>: it polls at once instead of at its next turn.</summary>
public sealed class ProviderCallbackWakeupTests
{
    private static readonly TimeSpan LongPoll = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task A_wake_cuts_the_wait_of_that_job_short()
    {
        var wakeups = new ProviderPollWakeups();
        var elapsed = Stopwatch.StartNew();
        var waiting = wakeups.WaitAsync("img_a", LongPoll, CancellationToken.None);

        wakeups.Wake("img_a");

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_wake_while_the_run_is_polling_is_kept_for_its_next_wait()
    {
        var wakeups = new ProviderPollWakeups();

        wakeups.Wake("clip_a");

        await wakeups.WaitAsync("clip_a", LongPoll, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_wake_for_another_job_leaves_the_wait_to_its_schedule()
    {
        var wakeups = new ProviderPollWakeups();
        var waiting = wakeups.WaitAsync("img_a", TimeSpan.FromMilliseconds(300), CancellationToken.None);

        wakeups.Wake("img_b");

        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
