using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using FFMpegCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiStudio.Media;

/// <summary>
/// The silo's one way to run ffmpeg and ffprobe: child processes started without a shell, no stdin, a time limit that
/// kills the process tree, and stderr kept for error messages. Every run first takes one of the silo's
/// <c>Media:MaxConcurrentJobs</c> slots, so that setting bounds the FFmpeg processes alive at once, whoever asks.
/// Build inputs with <see cref="FfmpegArguments"/>, or a whole command with FFMpegCore.
/// </summary>
public sealed class FfmpegRunner(IOptions<FfmpegOptions> options, ILogger<FfmpegRunner> logger) : IDisposable
{
    private const int StandardOutputLimit = 4 * 1024 * 1024;
    private const int StandardErrorTailLength = 16 * 1024;
    private static readonly string[] FfmpegPrefix = ["-nostdin", "-hide_banner", "-loglevel", "error"];
    private static readonly string[] FfprobePrefix = ["-hide_banner", "-loglevel", "error"];

    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentJobs, options.Value.MaxConcurrentJobs);

    /// <summary>Runs ffmpeg with <c>-nostdin -hide_banner -loglevel error</c> before <paramref name="arguments"/>.</summary>
    /// <exception cref="FfmpegException">ffmpeg could not start, failed, or ran out of time.</exception>
    public Task<FfmpegResult> RunFfmpegAsync(
        IEnumerable<string> arguments,
        TimeSpan? timeout = null,
        string? workingDirectory = null,
        CancellationToken cancellationToken = default)
    {
        var startInfo = StartInfo(options.Value.FfmpegPath, workingDirectory);
        AddArguments(startInfo, [.. FfmpegPrefix, .. arguments]);
        return RunAsync(startInfo, timeout, cancellationToken);
    }

    /// <summary>Runs a command built with FFMpegCore, given the same leading options as the other overload.</summary>
    /// <exception cref="FfmpegException">ffmpeg could not start, failed, or ran out of time.</exception>
    public Task<FfmpegResult> RunFfmpegAsync(FFMpegArgumentProcessor command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var startInfo = StartInfo(options.Value.FfmpegPath, workingDirectory: null);

        // FFMpegCore quotes its paths for .NET's own command-line splitting, the way it starts ffmpeg itself.
        startInfo.Arguments = string.Join(' ', FfmpegPrefix) + " " + command.Arguments;
        return RunAsync(startInfo, timeout, cancellationToken);
    }

    /// <summary>Runs ffprobe with <c>-hide_banner -loglevel error</c> before <paramref name="arguments"/>; its report is in <see cref="FfmpegResult.StandardOutput"/>.</summary>
    /// <exception cref="FfmpegException">ffprobe could not start, failed, or ran out of time.</exception>
    public Task<FfmpegResult> RunFfprobeAsync(
        IEnumerable<string> arguments,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var startInfo = StartInfo(options.Value.FfprobePath, workingDirectory: null);
        AddArguments(startInfo, [.. FfprobePrefix, .. arguments]);
        return RunAsync(startInfo, timeout, cancellationToken);
    }

    public void Dispose() => _slots.Dispose();

    private static ProcessStartInfo StartInfo(string executable, string? workingDirectory) => new(executable)
    {
        UseShellExecute = false,
        CreateNoWindow = true,
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        WorkingDirectory = workingDirectory ?? string.Empty,
    };

    private static void AddArguments(ProcessStartInfo startInfo, IEnumerable<string> arguments)
    {
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
    }

    private async Task<FfmpegResult> RunAsync(ProcessStartInfo startInfo, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await RunInSlotAsync(startInfo, timeout ?? options.Value.FfmpegTimeout, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Runs the process; its time limit counts from its start, not from the wait for a slot.</summary>
    private async Task<FfmpegResult> RunInSlotAsync(ProcessStartInfo startInfo, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        var tool = Path.GetFileName(startInfo.FileName);
        var arguments = startInfo.ArgumentList.Count > 0 ? string.Join(' ', startInfo.ArgumentList) : startInfo.Arguments;
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
            logger.LogWarning("{Tool} was killed after {TimeLimit}: {Arguments}", tool, timeLimit, arguments);
            throw new FfmpegException($"{tool} did not finish within {timeLimit}", exitCode: null, errorOutput, timedOut: true);
        }

        var output = await standardOutput;
        var error = await standardError;
        logger.LogDebug("{Tool} exited with {ExitCode} after {Elapsed}: {Arguments}", tool, process.ExitCode, stopwatch.Elapsed, arguments);
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
