using System.Collections.Concurrent;
using Npgsql;

namespace AiStudio.Tests.Reminders;

/// <summary>
/// Test double: the silo's real reminder table (PostgreSQL) behind a switch that makes registrations of chosen grains
/// fail as they would while the database is unreachable, so a test can lose the database exactly between a grain's
/// steps instead of at a random moment.
/// </summary>
public sealed class FaultInjectingReminderTable(IReminderTable inner) : IReminderTable
{
    private readonly ConcurrentDictionary<string, int> _refusals = new();
    private readonly ConcurrentDictionary<string, int> _refused = new();

    /// <summary>How many registrations of the grain whose key is <paramref name="grainKey"/> were refused.</summary>
    public int RefusedOf(string grainKey) => _refused.GetValueOrDefault(grainKey);

    /// <summary>Refuses the next <paramref name="times"/> registrations of reminders of the grain whose key is <paramref name="grainKey"/>.</summary>
    public void RefuseRegistrations(string grainKey, int times = 1) => _refusals[grainKey] = times;

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => inner.StopAsync(cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => inner.ReadRows(grainId);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => inner.ReadRows(begin, end);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => inner.ReadRow(grainId, reminderName);

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        var key = entry.GrainId.Key.ToString()!;
        if (_refusals.TryGetValue(key, out var left) && left > 0 && _refusals.TryUpdate(key, left - 1, left))
        {
            _refused.AddOrUpdate(key, 1, (_, count) => count + 1);
            return Task.FromException<string?>(new NpgsqlException($"Injected fault: the reminder table is unreachable (registering {entry.ReminderName} of {key})."));
        }

        return inner.UpsertRow(entry);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => inner.RemoveRow(grainId, reminderName, eTag);

    public Task TestOnlyClearTable() => inner.TestOnlyClearTable();
}
