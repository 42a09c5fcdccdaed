using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AiStudio.Database;
using AiStudio.Tests.Infrastructure;
using Npgsql;

namespace AiStudio.Tests.Database;

public sealed class SchemaMigratorTests
{
    [Fact]
    public async Task A_new_database_gets_every_script_once_and_a_second_run_applies_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(applySchema: false);

        var first = await SchemaMigrator.ApplyAsync(database.ConnectionString);
        var second = await SchemaMigrator.ApplyAsync(database.ConnectionString);

        Assert.Equal(SchemaMigrator.KnownVersions, first);
        Assert.Empty(second);
        Assert.Equal(SchemaMigrator.KnownVersions, await ReadRecordedVersionsAsync(database));
    }

    [Fact]
    public async Task Silos_migrating_at_the_same_time_apply_each_script_exactly_once()
    {
        await using var database = await TestDatabase.CreateAsync(applySchema: false);

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => SchemaMigrator.ApplyAsync(database.ConnectionString))));

        var applied = runs.SelectMany(run => run).OrderBy(version => version.Version).ToList();
        Assert.Equal(SchemaMigrator.KnownVersions, applied);
        Assert.Equal(SchemaMigrator.KnownVersions, await ReadRecordedVersionsAsync(database));
    }

    [Fact]
    public async Task The_migrator_waits_for_a_server_that_is_not_up_yet()
    {
        await using var server = await PrivatePostgresServer.StartAsync();
        var connectionString = server.AdminConnectionString;
        await server.StopAsync();

        var migration = SchemaMigrator.ApplyAsync(connectionString, TimeSpan.FromSeconds(60));
        Assert.False(migration.IsCompleted);
        await server.StartAgainAsync();

        Assert.Equal(SchemaMigrator.KnownVersions, await migration);
    }

    [Fact]
    public async Task The_migrator_gives_up_with_a_clear_error_when_no_server_answers()
    {
        var port = PortNobodyListensOn();
        var connectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=aistudio";
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => SchemaMigrator.ApplyAsync(connectionString, TimeSpan.FromSeconds(2)));

        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Contains("did not accept a connection within 2 s", error.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task The_schema_registers_every_query_the_orleans_adonet_providers_read()
    {
        await using var database = await TestDatabase.CreateAsync();

        var keys = await database.QueryAsync<string>("SELECT querykey FROM orleansquery ORDER BY querykey");

        string[] required =
        [
            // Clustering
            "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
            "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey",
            "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
            // Persistence
            "ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey",
            // Reminders
            "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
            "ReadReminderRowsKey", "UpsertReminderRowKey",
        ];
        Assert.Equal(required.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    private static async Task<List<SchemaVersion>> ReadRecordedVersionsAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version, name FROM aistudio_schema_version ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<SchemaVersion>();
        while (await reader.ReadAsync())
        {
            versions.Add(new SchemaVersion(reader.GetInt32(0), reader.GetString(1)));
        }

        return versions;
    }

    private static int PortNobodyListensOn()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
