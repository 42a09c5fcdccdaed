namespace AiStudio.Tests.Infrastructure;

/// <summary>Writes a shell script the tests run in place of an executable (these tests need a Unix shell).</summary>
public static class ExecutableScript
{
    public static string Write(string path, string content)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("These tests stand in for ffmpeg with shell scripts.");
        }

        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
