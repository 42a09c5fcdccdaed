using System.Diagnostics;
using System.Net;
using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Api;

/// <summary>
/// The API as its own OS process (<c>dotnet AiStudio.Api.dll</c>), bound to 127.0.0.1 on a free port and configured
/// through environment variables, as operators run it. Killed on dispose.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ProcessOutput _output;

    private ApiProcess(Process process, Uri baseAddress)
    {
        _process = process;
        _output = new ProcessOutput(process);
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>What the process printed so far, for failure messages.</summary>
    public string Output => _output.ToString();

    /// <param name="port">The port to listen on, when the caller had to know it in advance; a free one otherwise.</param>
    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string> environment, int? port = null)
    {
        port ??= LoopbackPort.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "AiStudio.Api.dll"), "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The API process did not start.");
        var api = new ApiProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await api.WaitUntilLiveAsync(TimeSpan.FromSeconds(60));
        return api;
    }

    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilLiveAsync(TimeSpan limit)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        // An API that exits (e.g. on invalid settings) ends the wait at once rather than at the limit.
        await WaitUntil.ConditionAsync(
            async () => _process.HasExited || await IsLiveAsync(client), "the API is live", limit, () => $"API output:\n{Output}");
        if (_process.HasExited)
        {
            // Exited is seen before the last lines of its output have been read; this waits for them.
            await _process.WaitForExitAsync();
            throw new InvalidOperationException($"The API exited with {_process.ExitCode}:\n{Output}");
        }
    }

    private static async Task<bool> IsLiveAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/live");
        return response.StatusCode == HttpStatusCode.OK;
    }
}
