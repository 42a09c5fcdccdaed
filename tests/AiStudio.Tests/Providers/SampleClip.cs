using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Providers;

/// <summary>The short H.264 clip a provider test double returns for every video task.</summary>
public static class SampleClip
{
    /// <summary>Renders a test picture of <paramref name="size"/> (e.g. <c>320x180</c>) for <paramref name="seconds"/> and returns the MP4's bytes.</summary>
    public static async Task<byte[]> RenderAsync(string size, int seconds)
    {
        using var directory = new TemporaryDirectory();
        var clip = directory.File("sample.mp4");
        await TestFfmpeg.RunAsync(["-f", "lavfi", "-i", $"testsrc2=size={size}:rate=25", "-t", seconds.ToString(), "-c:v", "libx264", "-pix_fmt", "yuv420p", "-y", clip]);
        return await File.ReadAllBytesAsync(clip);
    }
}
