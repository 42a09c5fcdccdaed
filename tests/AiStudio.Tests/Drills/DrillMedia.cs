using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Drills;

/// <summary>Source media for drills, rendered once per test run by FFmpeg.</summary>
public static class DrillMedia
{
    private static readonly Lazy<Task<byte[]>> Photo = new(() => RenderJpegAsync("testsrc2=s=640x480"));
    private static readonly Lazy<Task<byte[]>> Thumbnail = new(() => RenderJpegAsync("testsrc2=s=48x32"));

    /// <summary>A 640x480 JPEG: big enough that enhancing it keeps FFmpeg busy for a noticeable moment.</summary>
    public static Task<byte[]> PhotoAsync() => Photo.Value;

    /// <summary>A 48x32 JPEG: FFmpeg enhances it in the time it takes to start, so hundreds finish close together.</summary>
    public static Task<byte[]> ThumbnailAsync() => Thumbnail.Value;

    private static async Task<byte[]> RenderJpegAsync(string source)
    {
        var path = Path.Combine(Path.GetTempPath(), $"aistudio-drill-{Guid.NewGuid():N}.jpg");
        try
        {
            await TestFfmpeg.RenderAsync(source, path, "-c:v", "mjpeg", "-f", "image2");
            return await File.ReadAllBytesAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
