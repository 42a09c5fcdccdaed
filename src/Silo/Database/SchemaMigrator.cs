using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AiStudio.Database;

/// <summary>
/// Brings a PostgreSQL database up to the schema embedded in this assembly (<c>Database/Scripts/NNN_name.sql</c>).
/// Each script runs once, in its own transaction, recorded in <c>aistudio_schema_version</c>; a cluster-wide
/// advisory lock lets any number of silos start at once.
/// </summary>
public static class SchemaMigrator
{
    /// <summary>How long <see cref="ApplyAsync(string, ILogger?, CancellationToken)"/> waits for the server to accept connections.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(60);

    // Arbitrary but fixed: every AI Studio process that migrates takes this same lock ("AiStudio" in ASCII).
    private const long MigrationLockKey = 0x4169_5374_7564_696F;

    private static readonly Lazy<IReadOnlyList<SchemaScript>> EmbeddedScripts = new(SchemaScript.LoadEmbedded);

    /// <summary>Every schema version this build knows, oldest first.</summary>
    public static IReadOnlyList<SchemaVersion> KnownVersions =>
        EmbeddedScripts.Value.Select(script => new SchemaVersion(script.Version, script.Name)).ToList();

    /// <inheritdoc cref="ApplyAsync(string, TimeSpan, ILogger?, CancellationToken)"/>
    public static Task<IReadOnlyList<SchemaVersion>> ApplyAsync(
        string connectionString, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        ApplyAsync(connectionString, DefaultConnectTimeout, logger, cancellationToken);

    /// <summary>
    /// Applies the scripts the database does not have yet and returns them (empty when it was up to date).
    /// Retries connecting for up to <paramref name="connectTimeout"/> while the server is unreachable or starting up.
    /// </summary>
    /// <exception cref="TimeoutException">The server did not accept a connection within <paramref name="connectTimeout"/>.</exception>
    public static async Task<IReadOnlyList<SchemaVersion>> ApplyAsync(
        string connectionString, TimeSpan connectTimeout, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        logger ??= NullLogger.Instance;
        var scripts = EmbeddedScripts.Value;

        // Unpooled: the session-level advisory lock must end with this physical connection, never linger in a pool.
        var dedicated = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = await OpenWithRetryAsync(dedicated, connectTimeout, logger, cancellationToken);

        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS aistudio_schema_version
                (
                    version    integer     PRIMARY KEY,
                    name       text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, cancellationToken);

            var recorded = await ReadRecordedVersionsAsync(connection, cancellationToken);
            EnsureHistoryMatches(recorded, scripts, logger);

            var applied = new List<SchemaVersion>();
            foreach (var script in scripts.Where(script => !recorded.ContainsKey(script.Version)))
            {
                await ApplyScriptAsync(connection, script, cancellationToken);
                logger.LogInformation("Applied schema script {Version:000}_{Name}", script.Version, script.Name);
                applied.Add(new SchemaVersion(script.Version, script.Name));
            }

            if (applied.Count == 0)
            {
                logger.LogInformation("Database schema is up to date at version {Version:000}", scripts[^1].Version);
            }

            return applied;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
        }
    }

    private static async Task<NpgsqlConnection> OpenWithRetryAsync(
        NpgsqlConnectionStringBuilder settings, TimeSpan connectTimeout, ILogger logger, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(connectTimeout);
        var retryDelay = TimeSpan.FromMilliseconds(250);
        Exception? lastFailure = null;
        var attempt = 0;

        while (true)
        {
            attempt++;
            var connection = new NpgsqlConnection(settings.ConnectionString);
            try
            {
                await connection.OpenAsync(deadline.Token);
                return connection;
            }
            catch (Exception exception) when (IsWorthRetrying(exception) && !cancellationToken.IsCancellationRequested)
            {
                await connection.DisposeAsync();
                if (exception is not OperationCanceledException)
                {
                    lastFailure = exception;
                }

                if (attempt == 1)
                {
                    logger.LogWarning("PostgreSQL at {Host}:{Port} is not accepting connections yet ({Reason}); retrying for up to {Timeout}",
                        settings.Host, settings.Port, exception.Message, connectTimeout);
                }

                if (deadline.IsCancellationRequested || !await DelayAsync(retryDelay, deadline.Token))
                {
                    throw new TimeoutException(
                        $"PostgreSQL at {settings.Host}:{settings.Port} (database '{settings.Database}') did not accept a connection " +
                        $"within {connectTimeout.TotalSeconds:0} s: {lastFailure?.Message ?? "connection attempts timed out"}",
                        lastFailure);
                }

                retryDelay = TimeSpan.FromMilliseconds(Math.Min(retryDelay.TotalMilliseconds * 2, 2000));
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
    }

    // Unreachable, starting up or out of connection slots is worth waiting for; bad credentials or a missing database are not.
    private static bool IsWorthRetrying(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient,
        NpgsqlException npgsql => npgsql.IsTransient,
        OperationCanceledException or TimeoutException => true,
        _ => false,
    };

    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<Dictionary<int, string>> ReadRecordedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version, name FROM aistudio_schema_version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var recorded = new Dictionary<int, string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            recorded.Add(reader.GetInt32(0), reader.GetString(1));
        }

        return recorded;
    }

    private static void EnsureHistoryMatches(Dictionary<int, string> recorded, IReadOnlyList<SchemaScript> scripts, ILogger logger)
    {
        foreach (var script in scripts)
        {
            if (recorded.TryGetValue(script.Version, out var recordedName) && recordedName != script.Name)
            {
                throw new InvalidOperationException(
                    $"Schema version {script.Version} is recorded as '{recordedName}' but this build calls it '{script.Name}'; " +
                    "scripts must never be renumbered or renamed once applied.");
            }
        }

        var newest = scripts[^1].Version;
        if (recorded.Keys.Any(version => version > newest))
        {
            logger.LogWarning("The database has schema version {Recorded:000}, newer than this build's {Known:000}",
                recorded.Keys.Max(), newest);
        }
    }

    private static async Task ApplyScriptAsync(NpgsqlConnection connection, SchemaScript script, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using (var command = new NpgsqlCommand(script.Sql, connection, transaction) { CommandTimeout = 0 })
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = new NpgsqlCommand(
                "INSERT INTO aistudio_schema_version (version, name) VALUES (@version, @name)", connection, transaction))
            {
                record.Parameters.AddWithValue("version", script.Version);
                record.Parameters.AddWithValue("name", script.Name);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new InvalidOperationException(
                $"Schema script {script.Version:000}_{script.Name} failed and was rolled back: {exception.Message}", exception);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
