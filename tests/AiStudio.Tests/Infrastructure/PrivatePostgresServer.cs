using System.Net;
using Npgsql;

namespace AiStudio.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server of this test process: initdb in a temp directory, listening on a free 127.0.0.1 port,
/// run as user <c>postgres</c> when the tests run as root. Tests that must stop and restart the database (outage drills)
/// start their own; everything else shares one through <see cref="PostgresServer"/>.
/// </summary>
public sealed class PrivatePostgresServer : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private readonly string _directory;
    private readonly string _binDirectory;
    private bool _disposed;

    private PrivatePostgresServer(string directory, string binDirectory, int port)
    {
        _directory = directory;
        _binDirectory = binDirectory;
        Port = port;
    }

    public int Port { get; private set; }

    /// <summary>Superuser connection string to the <c>postgres</c> database, trusted, no password.</summary>
    public string AdminConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = IPAddress.Loopback.ToString(),
        Port = Port,
        Username = "postgres",
        Database = "postgres",
    }.ConnectionString;

    private string DataDirectory => Path.Combine(_directory, "data");

    public static async Task<PrivatePostgresServer> StartAsync()
    {
        var binDirectory = FindBinDirectory();
        var directory = Directory.CreateTempSubdirectory("aistudio-pg-").FullName;
        var server = new PrivatePostgresServer(directory, binDirectory, LoopbackPort.Free());
        var pgCtl = Path.Combine(binDirectory, "pg_ctl");
        OrphanWatchdog.Watch(
            stillThere: $"[ -d '{directory}' ]",
            cleanUp: $"{(RunsAsRoot ? "runuser -u postgres -- " : "")}'{pgCtl}' -D '{server.DataDirectory}' -m immediate -w stop; rm -rf '{directory}'");
        try
        {
            if (RunsAsRoot)
            {
                // initdb refuses to run as root, and the server must own its data directory.
                await CommandLine.RunAsync("chown", ["postgres:postgres", directory], CommandTimeout);
            }

            await server.RunAsync("initdb",
                ["-D", server.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
            await server.StartServerAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server as an outage would look to clients (fast shutdown: sessions are cut, data is kept).</summary>
    public Task StopAsync() => RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"]);

    /// <summary>Starts the server again on the same port with the same data.</summary>
    public Task StartAgainAsync() => StartServerAsync(keepPort: true);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task StartServerAsync(bool keepPort = false)
    {
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RunAsync("pg_ctl",
                [
                    "-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60",
                    "-o", $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c max_connections=300 " +
                          "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                    "start",
                ]);
                return;
            }
            catch (InvalidOperationException) when (!keepPort && attempt < attempts)
            {
                // Another process took the port between probing and binding.
                Port = LoopbackPort.Free();
            }
        }
    }

    private Task<string> RunAsync(string tool, IReadOnlyList<string> arguments)
    {
        var executable = Path.Combine(_binDirectory, tool);
        return RunsAsRoot
            ? CommandLine.RunAsync("runuser", ["-u", "postgres", "--", executable, .. arguments], CommandTimeout)
            : CommandLine.RunAsync(executable, arguments, CommandTimeout);
    }

    private static bool RunsAsRoot => Environment.UserName == "root";

    // Debian keeps the server binaries off PATH, under /usr/lib/postgresql/<major>/bin.
    private static string FindBinDirectory()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(directory => File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl")));
        if (onPath is not null)
        {
            return onPath;
        }

        const string debianRoot = "/usr/lib/postgresql";
        var installed = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(directory => Path.Combine(directory, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException(
            $"No PostgreSQL server binaries (initdb, pg_ctl) on PATH or under {debianRoot}. Install PostgreSQL " +
            $"(apt-get install postgresql) or set {PostgresServer.AdminConnectionStringVariable} to an admin connection string.");
    }
}
