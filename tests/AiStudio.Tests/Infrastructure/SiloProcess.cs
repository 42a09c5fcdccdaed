using System.Diagnostics;
using System.Globalization;

namespace AiStudio.Tests.Infrastructure;

/// <summary>
/// A real silo OS process (<c>dotnet AiStudio.Silo.dll</c> from the silo project's own build output, built with the tests),
/// for drills that kill or restart silos.
/// Settings are configuration keys (<c>Silo:Port</c>) passed as environment variables (<c>Silo__Port</c>).
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly ProcessOutput _output;

    private SiloProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _output = new ProcessOutput(process);
    }

    public string Name { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the silo wrote so far, for failure messages.</summary>
    public string Output => _output.ToString();

    public static SiloProcess Start(string name, IReadOnlyDictionary<string, string?> settings)
    {
        var siloAssembly = Path.Combine(SiloOutputDirectory, "AiStudio.Silo.dll");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { siloAssembly },
            WorkingDirectory = SiloOutputDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in settings)
        {
            startInfo.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = startInfo };
        var silo = new SiloProcess(name, process);
        process.Start();
        OrphanWatchdog.Watch(stillThere: $"kill -0 {process.Id}", cleanUp: $"kill -9 {process.Id}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>
    /// The settings of a silo of its own on free ports of 127.0.0.1, with fast failure detection so the cluster declares
    /// it dead within seconds of a kill.
    /// </summary>
    public static Dictionary<string, string?> Settings(TestDatabase database, string mediaRoot, string signingKey) => new()
    {
        ["ConnectionStrings:AiStudio"] = database.ConnectionString,
        ["Storage:Root"] = mediaRoot,
        ["Storage:SigningKey"] = signingKey,
        ["Cluster:FastFailureDetection"] = "true",
        ["Silo:Port"] = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture),
        ["Silo:GatewayPort"] = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Ends the process at once, as <c>kill -9</c> would: no shutdown, no goodbye to the cluster.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Asks the silo to shut down gracefully (SIGTERM) and waits for it; kills it if it overruns.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        await CommandLine.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        using var deadline = new CancellationTokenSource(GracefulStopTimeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"Silo {Name} did not stop within {GracefulStopTimeout.TotalSeconds:0} s of SIGTERM.");
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    // The test output mixes in the API's framework, so the silo runs from src/Silo/bin/<same configuration>/<same tfm>.
    private static string SiloOutputDirectory
    {
        get
        {
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var targetFramework = testOutput.Name;
            var configuration = testOutput.Parent!.Name;
            var repository = testOutput;
            while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "AiStudio.sln")))
            {
                repository = repository.Parent;
            }

            var directory = Path.Combine(
                repository?.FullName ?? throw new InvalidOperationException($"No AiStudio.sln above {testOutput.FullName}."),
                "src", "Silo", "bin", configuration, targetFramework);
            return File.Exists(Path.Combine(directory, "AiStudio.Silo.dll"))
                ? directory
                : throw new InvalidOperationException($"The silo is not built at {directory}; build the solution first.");
        }
    }
}
