using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace AiStudio.Health;

/// <summary>Ready only when PostgreSQL accepts a connection and answers <c>select 1</c> within a short time.</summary>
public sealed class DatabaseHealthCheck(IConfiguration configuration) : IHealthCheck
{
    private const int TimeoutSeconds = 3;

    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("AiStudio"))
    {
        Timeout = TimeoutSeconds,
        CommandTimeout = TimeoutSeconds,
    }.ConnectionString;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(TimeoutSeconds));
        try
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(deadline.Token);
            await using var command = new NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(deadline.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.", e);
        }
    }
}
