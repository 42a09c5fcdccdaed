namespace AiStudio.Persistence;

public static class ReminderRegistrationExtensions
{
    /// <summary>
    /// Registers (or refreshes) a reminder that ticks every <paramref name="period"/>. Callers register before they
    /// persist work the reminder must resume: a database lost between the two steps then leaves at worst a reminder
    /// with nothing to resume (its handler unregisters it), never stored work that nothing will ever wake. When the
    /// registration fails the activation is ended after this call, so state changed in memory before it is not kept.
    /// </summary>
    public static async Task RegisterReminderOrDeactivateAsync(this IGrainBase grain, string reminderName, TimeSpan period)
    {
        try
        {
            await grain.RegisterOrUpdateReminder(reminderName, period, period);
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>Drops the reminder when it is registered; handlers call it on every tick with nothing left to do, so it must cost nothing twice.</summary>
    public static async Task UnregisterReminderIfRegisteredAsync(this IGrainBase grain, string reminderName)
    {
        var reminder = await grain.GetReminder(reminderName);
        if (reminder is not null)
        {
            await grain.UnregisterReminder(reminder);
        }
    }
}
