using AiStudio.Media;
using AiStudio.Media.Images;
using AiStudio.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiStudio.Tests.Media.Images;

public sealed class MaskPreparerTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly MaskPreparer _preparer = new(
        new FfmpegRunner(Options.Create(new FfmpegOptions()), NullLogger<FfmpegRunner>.Instance),
        NullLogger<MaskPreparer>.Instance);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_mask_is_scaled_to_the_source_size_and_made_black_and_white()
    {
        var source = _directory.File("photo.jpg");
        await TestFfmpeg.RenderAsync("testsrc2=s=320x240", source, "-c:v", "mjpeg", "-f", "image2");
        var mask = _directory.File("mask.png");
        await TestFfmpeg.RenderAsync("color=black:s=100x80,drawbox=x=30:y=20:w=40:h=30:color=white:t=fill,gblur=sigma=2", mask, "-f", "image2");
        var prepared = _directory.File("prepared.png");

        var info = await _preparer.PrepareAsync(source, mask, prepared);

        Assert.Equal((ImageFormat.Png, 320, 240), (info.Format, info.Width, info.Height));
        Assert.Equal(info, await ImageSniffer.SniffFileAsync(prepared));
        var pixels = await TestFfmpeg.ReadGrayAsync(prepared);
        Assert.Equal(320 * 240, pixels.Length);
        Assert.All(pixels, value => Assert.True(value is 0 or 255, $"grey level {value} left in the mask"));
        Assert.Equal(255, pixels[(35 * 240 / 80) * 320 + (50 * 320 / 100)]);
        Assert.Equal(0, pixels[(10 * 240 / 80) * 320 + (10 * 320 / 100)]);
        var whiteShare = pixels.Count(value => value == 255) / (double)pixels.Length;
        Assert.InRange(whiteShare, 40.0 * 30 / (100 * 80) * 0.85, 40.0 * 30 / (100 * 80) * 1.15);
    }

    [Fact]
    public async Task Transparent_mask_pixels_count_as_black_whatever_their_colour()
    {
        var source = _directory.File("photo.png");
        await TestFfmpeg.RenderAsync("testsrc2=s=64x48", source, "-f", "image2");
        var mask = _directory.File("strokes.png");
        await TestFfmpeg.RenderAsync("color=white:s=32x24,format=rgba,geq=r=255:g=255:b=255:a='if(lt(X,16),255,0)'", mask, "-f", "image2");
        var prepared = _directory.File("prepared.png");

        await _preparer.PrepareAsync(source, mask, prepared);

        var pixels = await TestFfmpeg.ReadGrayAsync(prepared);
        Assert.Equal(255, pixels[24 * 64 + 10]);
        Assert.Equal(0, pixels[24 * 64 + 50]);
    }

    [Fact]
    public async Task A_source_that_is_not_a_readable_image_fails_with_the_seed_message()
    {
        var source = _directory.File("photo.jpg");
        await File.WriteAllTextAsync(source, "#EXTM3U\n");
        var mask = _directory.File("mask.png");
        await TestFfmpeg.RenderAsync("color=black:s=16x16", mask, "-f", "image2");

        var failure = await Assert.ThrowsAsync<ImageProcessingException>(() => _preparer.PrepareAsync(source, mask, _directory.File("prepared.png")));
        var missing = await Assert.ThrowsAsync<ImageProcessingException>(() => _preparer.PrepareAsync(_directory.File("gone.jpg"), mask, _directory.File("prepared.png")));

        Assert.Equal("Unable to read source image dimensions", failure.Message);
        Assert.Equal("Unable to read source image dimensions", missing.Message);
        Assert.False(File.Exists(_directory.File("prepared.png")));
    }

    [Fact]
    public async Task A_mask_that_is_not_a_png_is_refused()
    {
        var source = _directory.File("photo.png");
        await TestFfmpeg.RenderAsync("testsrc2=s=64x48", source, "-f", "image2");
        var mask = _directory.File("mask.png");
        await TestFfmpeg.RenderAsync("color=white:s=64x48", mask, "-c:v", "mjpeg", "-f", "image2");

        var failure = await Assert.ThrowsAsync<ImageProcessingException>(() => _preparer.PrepareAsync(source, mask, _directory.File("prepared.png")));

        Assert.Equal(MaskPreparer.MaskNotPngMessage, failure.Message);
    }
}
