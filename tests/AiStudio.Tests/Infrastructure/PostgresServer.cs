namespace AiStudio.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests create their databases on: the one named by <c>AISTUDIO_TEST_POSTGRES</c> (an admin
/// connection string) or, when that is unset, one <see cref="PrivatePostgresServer"/> started for the whole test run.
/// </summary>
public static class PostgresServer
{
    public const string AdminConnectionStringVariable = "AISTUDIO_TEST_POSTGRES";

    private static readonly Lazy<Task<string>> SharedAdminConnectionString = new(ResolveAsync);

    /// <summary>An admin connection string on a server where the tests may create and drop databases.</summary>
    public static Task<string> GetAdminConnectionStringAsync() => SharedAdminConnectionString.Value;

    private static async Task<string> ResolveAsync()
    {
        var configured = Environment.GetEnvironmentVariable(AdminConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var server = await PrivatePostgresServer.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server.AdminConnectionString;
    }
}
