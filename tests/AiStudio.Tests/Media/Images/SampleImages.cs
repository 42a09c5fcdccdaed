using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Media.Images;

/// <summary>Real images rendered once per test class by FFmpeg, each saved under a misleading name.</summary>
public sealed class SampleImages : IAsyncLifetime, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public string JpegNamedPng => _directory.File("jpeg-named.png");
    public string PngNamedJpg => _directory.File("png-named.jpg");
    public string PngWithAlphaNamedWebp => _directory.File("png-alpha-named.webp");
    public string Gray16PngNamedTxt => _directory.File("gray16-named.txt");
    public string PalettePngNamedGif => _directory.File("palette-named.gif");
    public string LossyWebPNamedJpg => _directory.File("lossy-webp-named.jpg");
    public string LosslessWebPNamedPng => _directory.File("lossless-webp-named.png");
    public string ExtendedWebPWithAlphaNamedJpeg => _directory.File("extended-webp-named.jpeg");
    public string GifNamedJpg => _directory.File("gif-named.jpg");
    public string BmpNamedPng => _directory.File("bmp-named.png");

    public IEnumerable<string> AcceptedImages =>
    [
        JpegNamedPng, PngNamedJpg, PngWithAlphaNamedWebp, Gray16PngNamedTxt, PalettePngNamedGif,
        LossyWebPNamedJpg, LosslessWebPNamedPng, ExtendedWebPWithAlphaNamedJpeg,
    ];

    public async Task InitializeAsync()
    {
        await TestFfmpeg.RenderAsync("testsrc2=s=322x242,format=rgb24,crop=321:241", JpegNamedPng, "-c:v", "mjpeg", "-f", "image2");
        await TestFfmpeg.RenderAsync("testsrc2=s=320x240", PngNamedJpg, "-c:v", "png", "-f", "image2");
        await TestFfmpeg.RenderAsync("testsrc2=s=64x48,format=rgba,colorchannelmixer=aa=0.5", PngWithAlphaNamedWebp, "-c:v", "png", "-f", "image2");
        await TestFfmpeg.RenderAsync("testsrc2=s=34x18,format=gray16be,crop=33:17", Gray16PngNamedTxt, "-c:v", "png", "-f", "image2");
        await TestFfmpeg.RenderAsync("testsrc2=s=64x48,format=pal8", PalettePngNamedGif, "-c:v", "png", "-f", "image2");
        await TestFfmpeg.RenderAsync("testsrc2=s=320x240", LossyWebPNamedJpg, "-c:v", "libwebp", "-f", "webp");
        await TestFfmpeg.RenderAsync("testsrc2=s=200x100", LosslessWebPNamedPng, "-c:v", "libwebp", "-lossless", "1", "-f", "webp");
        await TestFfmpeg.RenderAsync("color=c=red@0.5:s=64x48,format=yuva420p", ExtendedWebPWithAlphaNamedJpeg, "-c:v", "libwebp", "-f", "webp");
        await TestFfmpeg.RenderAsync("testsrc2=s=64x48", GifNamedJpg, "-c:v", "gif", "-f", "gif");
        await TestFfmpeg.RenderAsync("testsrc2=s=64x48", BmpNamedPng, "-c:v", "bmp", "-f", "image2");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _directory.Dispose();
}
