using System.Diagnostics;

namespace AiStudio.Tests.Infrastructure;

/// <summary>
/// Cleans up after this test process when it dies without disposing (a killed or crashed test host): a detached shell
/// polls once a second and runs the clean-up once this process is gone while the resource is still there.
/// </summary>
internal static class OrphanWatchdog
{
    /// <param name="stillThere">A shell condition that holds while the resource exists (the watchdog ends when it fails).</param>
    /// <param name="cleanUp">Shell commands that release the resource.</param>
    public static void Watch(string stillThere, string cleanUp)
    {
        var script =
            "exec </dev/null >/dev/null 2>&1; " +
            $"while kill -0 {Environment.ProcessId} && {stillThere}; do sleep 1; done; " +
            $"if {stillThere}; then {cleanUp}; fi";
        using var watchdog = Process.Start(new ProcessStartInfo("setsid")
        {
            ArgumentList = { "sh", "-c", script },
            UseShellExecute = false,
        });
    }
}
