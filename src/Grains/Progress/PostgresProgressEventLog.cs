using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace AiStudio.Progress;

/// <summary>Keeps progress events in <c>aistudio_progress_event</c>, trimming each stream to the retention window as it grows.</summary>
public sealed class PostgresProgressEventLog(NpgsqlDataSource dataSource, IOptions<ProgressLogOptions> options) : IProgressEventLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const int TrimEvery = 100;

    public async Task<ProgressAppend> AppendAsync(
        string streamKey, ProgressEvent progressEvent, string? onceKey = null, CancellationToken cancellationToken = default)
    {
        // Either unique key (the sequence, or the once-key) refuses the row.
        await using var command = dataSource.CreateCommand(
            "INSERT INTO aistudio_progress_event (stream_key, sequence, payload, once_key) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING");
        command.Parameters.AddWithValue(streamKey);
        command.Parameters.AddWithValue(progressEvent.Sequence);
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(progressEvent, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)onceKey ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return onceKey is not null && await HoldsOnceKeyAsync(streamKey, onceKey, cancellationToken)
                ? ProgressAppend.AlreadyRecorded
                : ProgressAppend.SequenceTaken;
        }

        if (progressEvent.Sequence % TrimEvery == 0)
        {
            await TrimAsync(streamKey, progressEvent.Sequence - options.Value.RetainedEventsPerStream, cancellationToken);
        }

        return ProgressAppend.Appended;
    }

    public async Task<IReadOnlyList<ProgressEvent>> ReadAfterAsync(string streamKey, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT payload::text FROM aistudio_progress_event WHERE stream_key = $1 AND sequence > $2 ORDER BY sequence LIMIT $3");
        command.Parameters.AddWithValue(streamKey);
        command.Parameters.AddWithValue(afterSequence);
        command.Parameters.AddWithValue(limit);
        var events = new List<ProgressEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(JsonSerializer.Deserialize<ProgressEvent>(reader.GetString(0), Json)!);
        }

        return events;
    }

    public async Task<long> GetLastSequenceAsync(string streamKey, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT COALESCE(MAX(sequence), 0) FROM aistudio_progress_event WHERE stream_key = $1");
        command.Parameters.AddWithValue(streamKey);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task DeleteStreamAsync(string streamKey, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM aistudio_progress_event WHERE stream_key = $1");
        command.Parameters.AddWithValue(streamKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<bool> HoldsOnceKeyAsync(string streamKey, string onceKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM aistudio_progress_event WHERE stream_key = $1 AND once_key = $2)");
        command.Parameters.AddWithValue(streamKey);
        command.Parameters.AddWithValue(onceKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task TrimAsync(string streamKey, long upToSequence, CancellationToken cancellationToken)
    {
        if (upToSequence <= 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(
            "DELETE FROM aistudio_progress_event WHERE stream_key = $1 AND sequence <= $2");
        command.Parameters.AddWithValue(streamKey);
        command.Parameters.AddWithValue(upToSequence);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
