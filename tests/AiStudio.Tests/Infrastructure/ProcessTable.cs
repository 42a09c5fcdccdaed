using System.Diagnostics;
using System.Globalization;

namespace AiStudio.Tests.Infrastructure;

/// <summary>What <c>/proc</c> says about running processes (Linux): their command lines, and which FFmpeg processes a silo started.</summary>
public static class ProcessTable
{
    /// <summary>The command lines of the FFmpeg processes whose parent is <paramref name="parentId"/>.</summary>
    public static IReadOnlyList<string> FfmpegChildrenOf(int parentId) =>
        Processes().Where(process => process.ParentId == parentId && process.Name == "ffmpeg").Select(process => process.CommandLine).ToList();

    /// <summary>FFmpeg processes (any parent) whose command line contains <paramref name="text"/>.</summary>
    public static IReadOnlyList<int> FfmpegProcessesMentioning(string text) =>
        Processes().Where(process => process.Name == "ffmpeg" && process.CommandLine.Contains(text, StringComparison.Ordinal)).Select(process => process.Id).ToList();

    /// <summary>Whether any live process's command line contains <paramref name="marker"/>.</summary>
    public static bool AnyWithCommandLineContaining(string marker) =>
        Processes().Any(process => process.CommandLine.Contains(marker, StringComparison.Ordinal));

    public static void TryKill(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private static IEnumerable<(int Id, int ParentId, string Name, string CommandLine)> Processes()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }

            string stat;
            string commandLine;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').TrimEnd();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            // "pid (name) state ppid …": the name may hold spaces and parentheses, so split at the last ')'.
            var nameStart = stat.IndexOf('(', StringComparison.Ordinal);
            var nameEnd = stat.LastIndexOf(')');
            if (nameStart < 0 || nameEnd < nameStart)
            {
                continue;
            }

            var fields = stat[(nameEnd + 2)..].Split(' ');
            if (fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parentId))
            {
                yield return (id, parentId, stat[(nameStart + 1)..nameEnd], commandLine);
            }
        }
    }
}
