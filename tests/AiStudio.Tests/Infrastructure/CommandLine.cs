using System.Diagnostics;

namespace AiStudio.Tests.Infrastructure;

/// <summary>Runs a short-lived command to completion, failing with its output when it fails or overruns.</summary>
internal static class CommandLine
{
    public static async Task<string> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Describe(fileName, arguments)} did not finish within {timeout.TotalSeconds:0} s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Describe(fileName, arguments)} exited with {process.ExitCode}:{Environment.NewLine}{await output}{await error}");
        }

        return await output;
    }

    private static string Describe(string fileName, IReadOnlyList<string> arguments) =>
        $"'{fileName} {string.Join(' ', arguments)}'";
}
