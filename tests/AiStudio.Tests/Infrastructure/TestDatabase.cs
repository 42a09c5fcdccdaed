using AiStudio.Database;
using Npgsql;

namespace AiStudio.Tests.Infrastructure;

/// <summary>A fresh, uniquely named database (with the AI Studio schema unless asked otherwise), dropped on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private TestDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>Connection string to this database, for <c>ConnectionStrings:AiStudio</c> or direct queries.</summary>
    public string ConnectionString { get; }

    /// <param name="adminConnectionString">The server to create it on; the shared test server by default.</param>
    /// <param name="applySchema">Run <see cref="SchemaMigrator"/> on it before returning.</param>
    public static async Task<TestDatabase> CreateAsync(string? adminConnectionString = null, bool applySchema = true)
    {
        adminConnectionString ??= await PostgresServer.GetAdminConnectionStringAsync();
        var database = new TestDatabase(adminConnectionString, $"aistudio_test_{Guid.NewGuid():N}");
        await database.ExecuteOnServerAsync($"CREATE DATABASE \"{database.Name}\"");
        if (applySchema)
        {
            await SchemaMigrator.ApplyAsync(database.ConnectionString);
        }

        return database;
    }

    /// <summary>Runs a query on this database and returns its first column's values, for asserting on stored rows.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
