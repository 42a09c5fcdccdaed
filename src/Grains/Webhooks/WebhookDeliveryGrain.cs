using AiStudio.Persistence;
using AiStudio.Runs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiStudio.Webhooks;

/// <summary>
/// Delivers one webhook event: pending -> delivered on a 2xx answer, pending -> gave-up once the retry window has
/// closed. The POST runs outside the grain turn; the schedule is persisted and a reminder brings the delivery back
/// after a restart, while short waits between early attempts run on a timer.
/// </summary>
public sealed class WebhookDeliveryGrain(
    [PersistentState("webhook-delivery", "store")] IPersistentState<WebhookDeliveryState> state,
    IWebhookSender sender,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDeliveryGrain> logger) : Grain, IWebhookDeliveryGrain, IWebhookAttemptReporter, IRemindable
{
    private const string RetryReminder = "retry-webhook";

    // An attempt whose report never came (its silo died) is given up after twice the request time-out.
    private readonly RunLease _attempt = new(TimeProvider.System, options.Value.RequestTimeout * 2);
    private IGrainTimer? _retryTimer;

    private string Id => this.GetPrimaryKeyString();
    private bool IsPending => state.State.Message is not null && state.State.Status == WebhookDeliveryStatus.Pending;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (IsPending)
        {
            AttemptWhenDue();
        }

        return Task.CompletedTask;
    }

    public async Task ScheduleAsync(WebhookMessage message)
    {
        if (state.State.Message is not null)
        {
            return;
        }

        await this.RegisterReminderOrDeactivateAsync(RetryReminder, options.Value.ResumeCheckInterval);
        var now = DateTimeOffset.UtcNow;
        state.State.Message = message;
        state.State.Status = WebhookDeliveryStatus.Pending;
        state.State.ScheduledAt = now;
        state.State.NextAttemptAt = now;
        await state.WriteOrDeactivateAsync(this);
        AttemptWhenDue();
    }

    public Task<WebhookDelivery?> GetAsync() => Task.FromResult(state.State.Message is null
        ? null
        : new WebhookDelivery(
            Id,
            state.State.Status,
            state.State.Attempts,
            state.State.LastOutcome,
            state.State.Status == WebhookDeliveryStatus.Pending ? state.State.NextAttemptAt : null));

    public async Task RecordAttemptAsync(Guid attemptId, WebhookAttemptResult result)
    {
        if (!IsPending || !_attempt.IsActive(attemptId))
        {
            return;
        }

        _attempt.Release();
        var now = DateTimeOffset.UtcNow;
        state.State.Attempts++;
        state.State.LastOutcome = result.Outcome;
        if (result.Succeeded)
        {
            state.State.Status = WebhookDeliveryStatus.Delivered;
        }
        else if (now - state.State.ScheduledAt >= options.Value.GiveUpAfter)
        {
            state.State.Status = WebhookDeliveryStatus.GaveUp;
            logger.LogWarning("Gave up delivering webhook {WebhookId} after {Attempts} attempts: {Outcome}", Id, state.State.Attempts, result.Outcome);
        }
        else
        {
            state.State.NextAttemptAt = now + options.Value.RetryDelayAfter(state.State.Attempts);
        }

        await state.WriteOrDeactivateAsync(this);
        if (IsPending)
        {
            AttemptWhenDue();
        }
        else
        {
            await UnregisterRetryReminderAsync();
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!IsPending)
        {
            await UnregisterRetryReminderAsync();
            return;
        }

        AttemptWhenDue();
    }

    /// <summary>Starts the next attempt now when it is due, or sets a timer for it when it is due before the reminder's next tick.</summary>
    private void AttemptWhenDue()
    {
        var wait = state.State.NextAttemptAt - DateTimeOffset.UtcNow;
        if (wait <= TimeSpan.Zero)
        {
            Attempt();
            return;
        }

        if (wait < options.Value.ResumeCheckInterval)
        {
            _retryTimer?.Dispose();
            _retryTimer = this.RegisterGrainTimer(() =>
            {
                _retryTimer?.Dispose();
                _retryTimer = null;
                if (IsPending)
                {
                    Attempt();
                }

                return Task.CompletedTask;
            }, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
    }

    private void Attempt()
    {
        if (!_attempt.IsStale)
        {
            return;
        }

        var attemptId = Guid.NewGuid();
        _attempt.Adopt(attemptId);
        sender.Send(Id, attemptId, state.State.Message!);
    }

    private async Task UnregisterRetryReminderAsync()
    {
        _retryTimer?.Dispose();
        _retryTimer = null;
        await this.UnregisterReminderIfRegisteredAsync(RetryReminder);
    }
}
