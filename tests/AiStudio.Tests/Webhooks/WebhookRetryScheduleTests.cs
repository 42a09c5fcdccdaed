using AiStudio.Webhooks;

namespace AiStudio.Tests.Webhooks;

public sealed class WebhookRetryScheduleTests
{
    [Fact]
    public void Retry_delays_double_from_the_first_one_up_to_the_cap()
    {
        var options = new WebhookOptions();

        Assert.Equal(
            [5, 10, 20, 40, 80, 160, 320, 600, 600],
            Enumerable.Range(1, 9).Select(failures => options.RetryDelayAfter(failures).TotalSeconds));
        Assert.Equal(TimeSpan.FromMinutes(10), options.RetryDelayAfter(int.MaxValue));
    }

    [Fact]
    public void Deliveries_are_retried_for_at_least_an_hour_by_default()
    {
        Assert.True(new WebhookOptions().GiveUpAfter >= TimeSpan.FromHours(1));
    }
}
