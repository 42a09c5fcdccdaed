namespace AiStudio.Tests.Database.TestGrains;

/// <summary>A test grain that registers a reminder and counts, in its persistent state, how often it fired.</summary>
[Alias("AiStudio.Tests.Database.TestGrains.IAlarmGrain")]
public interface IAlarmGrain : IGrainWithStringKey
{
    [Alias("Set")]
    Task SetAsync(string reminderName, TimeSpan dueTime, TimeSpan period);

    [Alias("Cancel")]
    Task CancelAsync(string reminderName);

    [Alias("GetReminderNames")]
    Task<IReadOnlyList<string>> GetReminderNamesAsync();

    [Alias("GetRings")]
    Task<int> GetRingsAsync();
}
