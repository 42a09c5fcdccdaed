using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiStudio.Media;

/// <summary>
/// Runs ffmpeg and ffprobe as child processes with an argument list (never through a shell), no stdin, a time limit
/// that kills the process tree, and stderr kept for error messages. Build inputs with <see cref="FfmpegArguments"/>.
/// </summary>
public sealed class FfmpegRunner(IOptions<FfmpegOptions> options, ILogger<FfmpegRunner> logger)
{
    private const int StandardOutputLimit = 4 * 1024 * 1024;
    private const int StandardErrorTailLength = 16 * 1024;

    /// <summary>Runs ffmpeg with <c>-nostdin -hide_banner -loglevel error</c> before <paramref name="arguments"/>.</summary>
    /// <exception cref="FfmpegException">ffmpeg could not start, failed, or ran out of time.</exception>
    public Task<FfmpegResult> RunFfmpegAsync(
        IEnumerable<string> arguments,
        TimeSpan? timeout = null,
        string? workingDirectory = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(options.Value.FfmpegPath, ["-nostdin", "-hide_banner", "-loglevel", "error", .. arguments], timeout, workingDirectory, cancellationToken);

    /// <summary>Runs ffprobe with <c>-hide_banner -loglevel error</c> before <paramref name="arguments"/>; its report is in <see cref="FfmpegResult.StandardOutput"/>.</summary>
    /// <exception cref="FfmpegException">ffprobe could not start, failed, or ran out of time.</exception>
    public Task<FfmpegResult> RunFfprobeAsync(
        IEnumerable<string> arguments,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(options.Value.FfprobePath, ["-hide_banner", "-loglevel", "error", .. arguments], timeout, null, cancellationToken);

    private async Task<FfmpegResult> RunAsync(
        string executable,
        List<string> arguments,
        TimeSpan? timeout,
        string? workingDirectory,
        CancellationToken cancellationToken)
    {
        var tool = Path.GetFileName(executable);
        var timeLimit = timeout ?? options.Value.FfmpegTimeout;
        var startInfo = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        var stopwatch = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new FfmpegException($"{tool} could not be started: {e.Message}", exitCode: null, standardError: string.Empty, timedOut: false, e);
        }

        process.StandardInput.Close();
        var standardOutput = ReadHeadAsync(process.StandardOutput, StandardOutputLimit);
        var standardError = ReadTailAsync(process.StandardError, StandardErrorTailLength);

        using var deadline = new CancellationTokenSource(timeLimit);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await process.WaitForExitAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            await process.WaitForExitAsync(CancellationToken.None);
            var errorOutput = (await Task.WhenAll(standardOutput, standardError))[1];
            cancellationToken.ThrowIfCancellationRequested();
            logger.LogWarning("{Tool} was killed after {TimeLimit}: {Arguments}", tool, timeLimit, string.Join(' ', arguments));
            throw new FfmpegException($"{tool} did not finish within {timeLimit}", exitCode: null, errorOutput, timedOut: true);
        }

        var output = await standardOutput;
        var error = await standardError;
        logger.LogDebug("{Tool} exited with {ExitCode} after {Elapsed}: {Arguments}", tool, process.ExitCode, stopwatch.Elapsed, string.Join(' ', arguments));
        if (process.ExitCode != 0)
        {
            throw new FfmpegException($"{tool} failed with exit code {process.ExitCode}: {LastLine(error)}", process.ExitCode, error, timedOut: false);
        }

        return new FfmpegResult(output, error, stopwatch.Elapsed);
    }

    private void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the deadline and the kill.
        }
        catch (Win32Exception e)
        {
            logger.LogWarning(e, "Could not kill {Tool} (pid {ProcessId})", process.StartInfo.FileName, process.Id);
        }
    }

    private static async Task<string> ReadHeadAsync(StreamReader reader, int limit)
    {
        var text = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            text.Append(buffer, 0, Math.Min(read, limit - text.Length));
        }

        return text.ToString();
    }

    private static async Task<string> ReadTailAsync(StreamReader reader, int limit)
    {
        var text = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > limit)
            {
                text.Remove(0, text.Length - limit);
            }
        }

        return text.ToString();
    }

    private static string LastLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "no error output" : lines[^1];
    }
}
