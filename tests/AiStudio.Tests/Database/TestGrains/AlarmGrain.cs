namespace AiStudio.Tests.Database.TestGrains;

public sealed class AlarmGrain([PersistentState("alarm", "store")] IPersistentState<AlarmState> alarm) : Grain, IAlarmGrain, IRemindable
{
    public Task SetAsync(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        this.RegisterOrUpdateReminder(reminderName, dueTime, period);

    public async Task CancelAsync(string reminderName)
    {
        var reminder = await this.GetReminder(reminderName);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task<IReadOnlyList<string>> GetReminderNamesAsync() =>
        (await this.GetReminders()).Select(reminder => reminder.ReminderName).ToList();

    public Task<int> GetRingsAsync() => Task.FromResult(alarm.State.Rings);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        alarm.State.Rings++;
        await alarm.WriteStateAsync();
    }
}
