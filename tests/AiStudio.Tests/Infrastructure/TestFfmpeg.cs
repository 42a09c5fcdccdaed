namespace AiStudio.Tests.Infrastructure;

/// <summary>FFmpeg driven directly by the tests (not through the code under test) to make fixtures and to read pixels back.</summary>
public static class TestFfmpeg
{
    /// <summary>Renders one frame of a lavfi source (e.g. <c>testsrc2=s=320x240</c>) into <paramref name="outputPath"/>.</summary>
    public static Task RenderAsync(string lavfiSource, string outputPath, params string[] outputArguments) =>
        RunAsync(["-f", "lavfi", "-i", lavfiSource, "-frames:v", "1", .. outputArguments, "-y", outputPath]);

    /// <summary>Decodes an image to packed RGB, three bytes a pixel, row by row.</summary>
    public static async Task<byte[]> ReadRgbAsync(string imagePath)
    {
        var rawPath = imagePath + ".rgb";
        await RunAsync(["-i", imagePath, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-y", rawPath]);
        return await File.ReadAllBytesAsync(rawPath);
    }

    /// <summary>Decodes an image to one grey byte a pixel.</summary>
    public static async Task<byte[]> ReadGrayAsync(string imagePath)
    {
        var rawPath = imagePath + ".gray";
        await RunAsync(["-i", imagePath, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-y", rawPath]);
        return await File.ReadAllBytesAsync(rawPath);
    }

    /// <summary>Decodes an image's alpha channel to one byte a pixel.</summary>
    public static async Task<byte[]> ReadAlphaAsync(string imagePath)
    {
        var rawPath = imagePath + ".alpha";
        await RunAsync(["-i", imagePath, "-frames:v", "1", "-vf", "format=rgba,alphaextract", "-f", "rawvideo", "-pix_fmt", "gray", "-y", rawPath]);
        return await File.ReadAllBytesAsync(rawPath);
    }

    public static Task RunAsync(IEnumerable<string> arguments) =>
        CommandLine.RunAsync("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", .. arguments], TimeSpan.FromSeconds(60));
}
