using AiStudio.Tests.Database.TestGrains;
using AiStudio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AiStudio.Tests.Database;

[Collection(DatabaseClusterCollection.Name)]
public sealed class ReminderTableTests(AiStudioClusterFixture fixture)
{
    [Fact]
    public async Task A_registered_reminder_is_stored_in_postgresql_and_fires()
    {
        var key = $"alarm-{Guid.NewGuid():N}";
        var alarm = fixture.Client.GetGrain<IAlarmGrain>(key);

        await alarm.SetAsync("wake-up", dueTime: TimeSpan.FromSeconds(1), period: TimeSpan.FromMinutes(1));

        Assert.Equal(["wake-up"], await alarm.GetReminderNamesAsync());
        var stored = await fixture.Database.QueryAsync<string>(
            "SELECT reminder_name FROM orleans_reminder WHERE grain_id LIKE @pattern", ("pattern", $"%{key}"));
        Assert.Equal(["wake-up"], stored);
        await WaitUntil.ConditionAsync(async () => await alarm.GetRingsAsync() >= 1, "the reminder has fired once");

        await alarm.CancelAsync("wake-up");
        Assert.Empty(await alarm.GetReminderNamesAsync());
    }

    [Fact]
    public async Task Range_reads_return_the_reminders_hashed_into_the_range_on_either_side_of_the_wrap()
    {
        var table = ReminderTable();
        var entries = Enumerable.Range(0, 12)
            .Select(index => NewEntry(GrainId.Create("alarm", $"range-{Guid.NewGuid():N}-{index}"), "tick"))
            .ToList();
        foreach (var entry in entries)
        {
            entry.ETag = await table.UpsertRow(entry);
        }

        var hashes = entries.Select(entry => entry.GrainId.GetUniformHashCode()).Order().ToList();
        var begin = hashes[3];
        var end = hashes[8];

        var inside = await table.ReadRows(begin, end);
        var wrapped = await table.ReadRows(end, begin);

        var ours = entries.Select(entry => entry.GrainId).ToHashSet();
        var expectedInside = entries.Where(entry => InRing(entry.GrainId.GetUniformHashCode(), begin, end)).Select(entry => entry.GrainId);
        var expectedWrapped = entries.Where(entry => InRing(entry.GrainId.GetUniformHashCode(), end, begin)).Select(entry => entry.GrainId);
        Assert.Equal(5, expectedInside.Count());
        Assert.Equal(expectedInside.ToHashSet(), inside.Reminders.Select(r => r.GrainId).Where(ours.Contains).ToHashSet());
        Assert.Equal(expectedWrapped.ToHashSet(), wrapped.Reminders.Select(r => r.GrainId).Where(ours.Contains).ToHashSet());
    }

    [Fact]
    public async Task A_reminder_is_only_removed_with_its_current_etag()
    {
        var table = ReminderTable();
        var entry = NewEntry(GrainId.Create("alarm", $"etag-{Guid.NewGuid():N}"), "nightly");
        var firstETag = await table.UpsertRow(entry);
        entry.Period = TimeSpan.FromMinutes(5);
        var secondETag = await table.UpsertRow(entry);

        Assert.NotEqual(firstETag, secondETag);
        Assert.False(await table.RemoveRow(entry.GrainId, "nightly", firstETag!));
        var stored = await table.ReadRow(entry.GrainId, "nightly");
        Assert.NotNull(stored);
        Assert.Equal(TimeSpan.FromMinutes(5), stored.Period);
        Assert.Equal(secondETag, stored.ETag);

        Assert.True(await table.RemoveRow(entry.GrainId, "nightly", secondETag!));
        Assert.Null(await table.ReadRow(entry.GrainId, "nightly"));
    }

    private IReminderTable ReminderTable() =>
        fixture.Cluster.GetSiloServiceProvider().GetRequiredService<IReminderTable>();

    private static ReminderEntry NewEntry(GrainId grainId, string name) => new()
    {
        GrainId = grainId,
        ReminderName = name,
        StartAt = DateTime.UtcNow.AddHours(1),
        Period = TimeSpan.FromMinutes(10),
    };

    // Orleans ring ranges are (begin, end], wrapping past uint.MaxValue when begin >= end.
    private static bool InRing(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;
}
