using System.Globalization;
using System.Net;
using System.Text;
using AiStudio.Tests.Api;
using AiStudio.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace AiStudio.Tests.Drills;

/// <summary>
/// A whole deployment as separate OS processes, the way operators run it: a fresh PostgreSQL database (optionally on a
/// server of its own that the drill may stop), silo processes on AdoNet membership tuned to declare a dead silo within
/// seconds, and the API in front of them. Drills talk to it over HTTP only; they kill, stop and start its processes.
/// Every process's output is kept in a log directory named in the test output.
/// </summary>
public sealed class DrillCluster : IAsyncDisposable
{
    public const string ApiKey = "drill-api-key-0123456789abcdef";
    public const string WorkspaceId = "ws_drill";
    public const string WebhookSecret = "whsec_ZHJpbGwtd2ViaG9vay1zZWNyZXQ=";

    private const int ActiveStatus = 3;
    private static readonly TimeSpan SiloStartTimeout = TimeSpan.FromSeconds(120);

    private readonly ITestOutputHelper _output;
    private readonly DrillClusterOptions _options;
    private readonly PrivatePostgresServer? _server;
    private readonly SiloSlot[] _silos;
    private readonly string _logDirectory;

    private DrillCluster(ITestOutputHelper output, DrillClusterOptions options, PrivatePostgresServer? server, TestDatabase database, string mediaRoot)
    {
        _output = output;
        _options = options;
        _server = server;
        Database = database;
        MediaRoot = mediaRoot;
        _silos = Enumerable.Range(1, options.SiloCount).Select(index => new SiloSlot(index, LoopbackPort.Free(), LoopbackPort.Free())).ToArray();
        _logDirectory = Path.Combine(Path.GetTempPath(), "aistudio-drills", $"{options.Name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}");
        Directory.CreateDirectory(_logDirectory);
    }

    public TestDatabase Database { get; }

    private PrivatePostgresServer OwnServer =>
        _server ?? throw new InvalidOperationException("This drill shares the test PostgreSQL server; ask for OwnDatabaseServer to stop it.");

    /// <summary><c>Storage:Root</c> of the silos and the API.</summary>
    public string MediaRoot { get; }

    public ApiProcess Api { get; private set; } = null!;

    /// <summary>An HTTP client of the API carrying the drill's API key.</summary>
    public HttpClient Http { get; private set; } = null!;

    public IReadOnlyList<int> SiloIndexes => _silos.Select(silo => silo.Index).ToList();

    public static async Task<DrillCluster> StartAsync(ITestOutputHelper output, DrillClusterOptions options)
    {
        var server = options.OwnDatabaseServer ? await PrivatePostgresServer.StartAsync() : null;
        var database = await TestDatabase.CreateAsync(server?.AdminConnectionString);
        var media = Directory.CreateTempSubdirectory("aistudio-drill-media-").FullName;
        var cluster = new DrillCluster(output, options, server, database, media);
        try
        {
            foreach (var silo in cluster._silos)
            {
                cluster.StartSilo(silo.Index);
            }

            await cluster.WaitForActiveSilosAsync(options.SiloCount);
            await cluster.StartApiAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public SiloProcess Silo(int index) => Slot(index).Current ?? throw new InvalidOperationException($"silo-{index} is not running.");

    public bool IsRunning(int index) => Slot(index).Current is { HasExited: false };

    /// <summary>Starts silo <paramref name="index"/> (again) on its own ports; it joins the cluster asynchronously.</summary>
    public void StartSilo(int index)
    {
        var slot = Slot(index);
        if (slot.Current is { HasExited: false })
        {
            throw new InvalidOperationException($"silo-{index} is already running.");
        }

        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:AiStudio"] = Database.ConnectionString,
            ["Storage:Root"] = MediaRoot,
            ["Storage:SigningKey"] = _options.SigningKey,
            ["Cluster:FastFailureDetection"] = "true",
            ["Silo:Port"] = slot.SiloPort.ToString(CultureInfo.InvariantCulture),
            ["Silo:GatewayPort"] = slot.GatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Reminders:MinimumPeriod"] = "00:00:01",
            ["Images:ResumeCheckInterval"] = "00:00:03",
            ["Images:StaleRunAfter"] = "00:00:15",
            ["Images:ProviderPollInterval"] = "00:00:00.100",
            ["Videos:ResumeCheckInterval"] = "00:00:03",
            ["Videos:StaleRunAfter"] = "00:00:15",
            ["Videos:ProviderPollInterval"] = "00:00:00.500",
            ["Videos:CompileHeartbeatInterval"] = "00:00:02",
            ["Videos:ProviderLeaseDuration"] = "00:00:20",
            ["Media:MaxConcurrentJobs"] = "1",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Orleans"] = "Warning",
            ["Logging:LogLevel:Microsoft"] = "Warning",
        };
        foreach (var (key, value) in _options.SiloSettings)
        {
            settings[key] = value;
        }

        var name = $"silo-{index}" + (slot.Past.Count > 0 ? $"-run{slot.Past.Count + 1}" : string.Empty);
        var process = SiloProcess.Start(name, settings);
        slot.Current = process;
        slot.Past.Add(process);
        _output.WriteLine($"{Clock} started {name} (pid {process.ProcessId}, port {slot.SiloPort}).");
    }

    /// <summary>Sends SIGKILL to the silo process alone, exactly as <c>kill -9 &lt;pid&gt;</c>: no shutdown; its FFmpeg children are orphaned.</summary>
    public async Task KillSiloAsync(int index)
    {
        var silo = Silo(index);
        await CommandLine.RunAsync("kill", ["-KILL", silo.ProcessId.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        await WaitUntil.ConditionAsync(() => silo.HasExited, $"{silo.Name} has exited after SIGKILL", TimeSpan.FromSeconds(10));
        _output.WriteLine($"{Clock} killed {silo.Name} with SIGKILL.");
    }

    /// <summary>Sends SIGTERM and waits for the silo to leave the cluster gracefully.</summary>
    public async Task StopSiloAsync(int index)
    {
        var silo = Silo(index);
        await silo.StopAsync();
        _output.WriteLine($"{Clock} stopped {silo.Name} gracefully.");
    }

    /// <summary>Stops the drill's own PostgreSQL server (fast shutdown: every session is cut).</summary>
    public async Task StopDatabaseAsync()
    {
        await OwnServer.StopAsync();
        _output.WriteLine($"{Clock} stopped PostgreSQL.");
    }

    /// <summary>Starts the drill's own PostgreSQL server again, on the same port with the same data.</summary>
    public async Task StartDatabaseAgainAsync()
    {
        await OwnServer.StartAgainAsync();
        // The drill's own pooled connections died with the server.
        NpgsqlConnection.ClearAllPools();
        _output.WriteLine($"{Clock} started PostgreSQL again.");
    }

    /// <summary>Waits until the membership table lists exactly <paramref name="count"/> active silos.</summary>
    public Task WaitForActiveSilosAsync(int count, TimeSpan? timeout = null) =>
        WaitUntil.ConditionAsync(
            async () => await ActiveSiloCountAsync() == count,
            $"{count} silos are active in the membership table",
            timeout ?? SiloStartTimeout,
            Diagnostics);

    public async Task<long> ActiveSiloCountAsync() =>
        (await Database.QueryAsync<long>("SELECT count(*) FROM orleans_membership WHERE status = @active", ("active", ActiveStatus))).Single();

    /// <summary>
    /// The running silo with the most FFmpeg processes of its own right now (image jobs, clip renders, compiles), or null
    /// when none is running any. <paramref name="matching"/> narrows the FFmpeg processes by their command line.
    /// </summary>
    public int? SiloHostingMostWork(Func<string, bool>? matching = null)
    {
        var busiest = _silos
            .Where(slot => slot.Current is { HasExited: false })
            .Select(slot => (slot.Index, Work: ProcessTable.FfmpegChildrenOf(slot.Current!.ProcessId).Count(command => matching?.Invoke(command) ?? true)))
            .Where(candidate => candidate.Work > 0)
            .OrderByDescending(candidate => candidate.Work)
            .ToList();
        return busiest.Count == 0 ? null : busiest[0].Index;
    }

    /// <summary>The output of every silo process (past runs included), for evidence the drill looks for in logs.</summary>
    public IEnumerable<(string Silo, string Output)> SiloOutputs() =>
        _silos.SelectMany(slot => slot.Past).Select(process => (process.Name, process.Output));

    /// <summary>The last lines of every process's output, for failure messages.</summary>
    public string Diagnostics()
    {
        var text = new StringBuilder($"Full logs: {_logDirectory}{Environment.NewLine}");
        foreach (var (name, output) in SiloOutputs().Append(("api", Api?.Output ?? string.Empty)))
        {
            var lines = output.Split('\n');
            text.AppendLine($"--- {name} (last 25 of {lines.Length} lines) ---");
            text.AppendJoin('\n', lines.TakeLast(25)).AppendLine();
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (Api is not null)
        {
            await Api.DisposeAsync();
            await File.WriteAllTextAsync(Path.Combine(_logDirectory, "api.log"), Api.Output);
        }

        foreach (var process in _silos.SelectMany(slot => slot.Past))
        {
            await process.DisposeAsync();
            await File.WriteAllTextAsync(Path.Combine(_logDirectory, process.Name + ".log"), process.Output);
        }

        try
        {
            await Database.DisposeAsync();
        }
        catch (NpgsqlException e)
        {
            // A drill that failed while its database was down must report its own failure, not this one.
            _output.WriteLine($"Could not drop the drill database {Database.Name}: {e.Message}");
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        // FFmpeg orphaned by a SIGKILLed silo may still be writing into the media directory.
        foreach (var orphan in ProcessTable.FfmpegProcessesMentioning(MediaRoot))
        {
            ProcessTable.TryKill(orphan);
        }

        Directory.Delete(MediaRoot, recursive: true);
        _output.WriteLine($"Process logs of this drill: {_logDirectory}");
    }

    private async Task StartApiAsync()
    {
        Api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__AiStudio"] = Database.ConnectionString,
            ["Storage__Root"] = MediaRoot,
            ["Storage__SigningKey"] = _options.SigningKey,
            ["Auth__Keys__0__Key"] = ApiKey,
            ["Auth__Keys__0__WorkspaceId"] = WorkspaceId,
            ["Auth__Keys__0__UserId"] = "user_drill",
            ["Auth__Keys__0__WebhookSecret"] = WebhookSecret,
            ["Fetch__AllowedHosts__0"] = "127.0.0.1",
            ["Progress__HeartbeatInterval"] = "00:00:03",
        });
        Http = Api.CreateClient(ApiKey);
        await WaitUntil.ConditionAsync(
            async () => (await Http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            "the API is ready (cluster and database reachable)",
            TimeSpan.FromSeconds(60),
            Diagnostics);
        _output.WriteLine($"{Clock} API ready at {Api.BaseAddress}.");
    }

    private SiloSlot Slot(int index) =>
        index >= 1 && index <= _silos.Length ? _silos[index - 1] : throw new ArgumentOutOfRangeException(nameof(index), index, "No such silo.");

    private static string Clock => DateTime.Now.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>One silo's place in the cluster: fixed ports, so a restarted silo comes back as the same endpoint.</summary>
    private sealed class SiloSlot(int index, int siloPort, int gatewayPort)
    {
        public int Index { get; } = index;

        public int SiloPort { get; } = siloPort;

        public int GatewayPort { get; } = gatewayPort;

        public SiloProcess? Current { get; set; }

        public List<SiloProcess> Past { get; } = [];
    }
}
