using System.Globalization;

namespace AiStudio.Usage;

/// <summary>Usage is counted per calendar month in UTC; a job is counted in the month it was accepted.</summary>
public static class UsagePeriods
{
    public static DateTimeOffset StartOf(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary><c>{workspaceId}:{yyyy-MM}</c>, the key of the <see cref="IWorkspaceUsageGrain"/> counting that month.</summary>
    public static string GrainKey(string workspaceId, DateTimeOffset time) =>
        $"{workspaceId}:{StartOf(time).ToString("yyyy-MM", CultureInfo.InvariantCulture)}";
}
