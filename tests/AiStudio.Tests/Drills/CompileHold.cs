using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Drills;

/// <summary>
/// An <c>ffmpeg</c> put first on the silos' PATH that holds the first compile (the one FFmpeg run that reads a concat
/// list) for a while before handing over to the real ffmpeg, as a long compile would take: long enough for a drill to
/// find the silo compiling and kill it. Every other run, and every later compile, goes straight through.
/// </summary>
public sealed class CompileHold : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aistudio-drill-ffmpeg-").FullName;

    public CompileHold(TimeSpan hold)
    {
        var realFfmpeg = FindOnPath("ffmpeg");
        var marker = Path.Combine(_directory, "first-compile-held");
        ExecutableScript.Write(Path.Combine(_directory, "ffmpeg"), $"""
            #!/bin/sh
            case " $* " in
              *" -f concat "*)
                if mkdir '{marker}' 2>/dev/null; then sleep {(int)hold.TotalSeconds}; fi ;;
            esac
            exec '{realFfmpeg}' "$@"

            """);
    }

    /// <summary>The PATH the silos get: this directory first.</summary>
    public string SearchPath => _directory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"No {tool} on PATH.");
}
