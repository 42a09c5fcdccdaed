using System.Buffers.Binary;
using System.Text;
using AiStudio.Media;

namespace AiStudio.Tests.Media.Images;

public sealed class ImageSnifferTests(SampleImages samples) : IClassFixture<SampleImages>
{
    [Fact]
    public async Task A_jpeg_is_recognised_by_its_bytes_whatever_its_name()
    {
        var info = await ImageSniffer.SniffFileAsync(samples.JpegNamedPng);

        Assert.Equal(new ImageFormatInfo(ImageFormat.Jpeg, 321, 241, "image/jpeg", "jpg", HasAlpha: false), info);
    }

    [Fact]
    public async Task A_png_is_recognised_by_its_bytes_whatever_its_name()
    {
        var info = await ImageSniffer.SniffFileAsync(samples.PngNamedJpg);

        Assert.Equal(new ImageFormatInfo(ImageFormat.Png, 320, 240, "image/png", "png", HasAlpha: false), info);
    }

    [Fact]
    public async Task A_png_with_an_alpha_channel_says_so()
    {
        var info = await ImageSniffer.SniffFileAsync(samples.PngWithAlphaNamedWebp);

        Assert.Equal(new ImageFormatInfo(ImageFormat.Png, 64, 48, "image/png", "png", HasAlpha: true), info);
    }

    [Fact]
    public async Task Sixteen_bit_grey_and_palette_pngs_are_pngs_of_their_size()
    {
        var grey = await ImageSniffer.SniffFileAsync(samples.Gray16PngNamedTxt);
        var palette = await ImageSniffer.SniffFileAsync(samples.PalettePngNamedGif);

        Assert.Equal((ImageFormat.Png, 33, 17), (grey!.Format, grey.Width, grey.Height));
        Assert.Equal((ImageFormat.Png, 64, 48), (palette!.Format, palette.Width, palette.Height));
    }

    [Fact]
    public async Task A_lossy_webp_is_recognised_by_its_bytes_whatever_its_name()
    {
        var bytes = await File.ReadAllBytesAsync(samples.LossyWebPNamedJpg);

        Assert.Equal("VP8 ", Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(new ImageFormatInfo(ImageFormat.WebP, 320, 240, "image/webp", "webp", HasAlpha: false), ImageSniffer.Sniff(bytes));
    }

    [Fact]
    public async Task A_lossless_webp_is_recognised_by_its_bytes_whatever_its_name()
    {
        var bytes = await File.ReadAllBytesAsync(samples.LosslessWebPNamedPng);

        Assert.Equal("VP8L", Encoding.ASCII.GetString(bytes, 12, 4));
        var info = ImageSniffer.Sniff(bytes);
        Assert.Equal((ImageFormat.WebP, 200, 100, "image/webp", "webp"), (info!.Format, info.Width, info.Height, info.ContentType, info.Extension));
    }

    [Fact]
    public async Task An_extended_webp_with_alpha_is_recognised_with_its_canvas_size()
    {
        var bytes = await File.ReadAllBytesAsync(samples.ExtendedWebPWithAlphaNamedJpeg);

        Assert.Equal("VP8X", Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(new ImageFormatInfo(ImageFormat.WebP, 64, 48, "image/webp", "webp", HasAlpha: true), ImageSniffer.Sniff(bytes));
    }

    [Fact]
    public async Task Gif_and_bmp_images_are_refused_even_when_named_jpg_or_png()
    {
        Assert.Null(await ImageSniffer.SniffFileAsync(samples.GifNamedJpg));
        Assert.Null(await ImageSniffer.SniffFileAsync(samples.BmpNamedPng));
    }

    [Fact]
    public async Task Every_truncation_of_an_accepted_image_is_refused()
    {
        foreach (var path in samples.AcceptedImages)
        {
            var bytes = await File.ReadAllBytesAsync(path);
            Assert.NotNull(ImageSniffer.Sniff(bytes));
            for (var length = 0; length < bytes.Length; length++)
            {
                Assert.True(ImageSniffer.Sniff(bytes.AsSpan(0, length)) is null, $"{Path.GetFileName(path)} cut to {length} of {bytes.Length} bytes was accepted");
            }
        }
    }

    [Fact]
    public async Task A_jpeg_with_bytes_after_its_end_marker_is_still_a_jpeg()
    {
        byte[] bytes = [.. await File.ReadAllBytesAsync(samples.JpegNamedPng), .. "trailing camera data"u8];

        Assert.Equal(ImageFormat.Jpeg, ImageSniffer.Sniff(bytes)?.Format);
    }

    [Theory]
    [InlineData("#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nhttp://169.254.169.254/latest/meta-data\n#EXT-X-ENDLIST\n")]
    [InlineData("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>")]
    [InlineData("<svg width=\"100000\" height=\"100000\"></svg>")]
    [InlineData("<html><body>not an image</body></html>")]
    [InlineData("GIF89a\u0001\u0000\u0001\u0000")]
    [InlineData("")]
    public void Text_that_is_not_an_image_is_refused(string content)
    {
        Assert.Null(ImageSniffer.Sniff(Encoding.UTF8.GetBytes(content)));
    }

    [Fact]
    public void A_playlist_behind_a_jpeg_start_marker_is_refused()
    {
        byte[] bytes = [0xFF, 0xD8, 0xFF, .. "#EXTM3U\n#EXTINF:10,\nhttp://127.0.0.1/x.ts\n"u8, 0xFF, 0xD9];

        Assert.Null(ImageSniffer.Sniff(bytes));
    }

    [Fact]
    public void A_riff_file_that_is_not_webp_is_refused()
    {
        byte[] wave = [.. "RIFF"u8, 36, 0, 0, 0, .. "WAVEfmt "u8, 16, 0, 0, 0, .. new byte[16], .. "data"u8, 0, 0, 0, 0];

        Assert.Null(ImageSniffer.Sniff(wave));
    }

    [Fact]
    public void A_png_declaring_huge_dimensions_reports_them_so_the_caller_can_refuse_it_before_decoding()
    {
        var info = ImageSniffer.Sniff(CraftedImages.Png(100_000, 100_000));

        Assert.Equal((ImageFormat.Png, 100_000, 100_000), (info!.Format, info.Width, info.Height));
        Assert.Equal(10_000_000_000L, info.PixelCount);
    }

    [Fact]
    public void A_png_wider_than_the_format_allows_is_refused()
    {
        Assert.Null(ImageSniffer.Sniff(CraftedImages.Png(0x8000_0000, 10)));
        Assert.Null(ImageSniffer.Sniff(CraftedImages.Png(uint.MaxValue, uint.MaxValue)));
    }

    [Fact]
    public void A_png_of_zero_pixels_is_refused()
    {
        Assert.Null(ImageSniffer.Sniff(CraftedImages.Png(0, 10)));
        Assert.Null(ImageSniffer.Sniff(CraftedImages.Png(10, 0)));
    }

    [Fact]
    public async Task A_png_whose_header_was_altered_without_fixing_its_checksum_is_refused()
    {
        var bytes = await File.ReadAllBytesAsync(samples.PngNamedJpg);
        Assert.Equal(CraftedImages.Crc32(bytes.AsSpan(12, 17)), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(29)));

        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), 50_000);

        Assert.Null(ImageSniffer.Sniff(bytes));
    }

    [Theory]
    [InlineData(2, 4)]
    [InlineData(6, 1)]
    [InlineData(3, 16)]
    [InlineData(5, 8)]
    public void A_png_with_an_impossible_bit_depth_or_colour_type_is_refused(byte colorType, byte bitDepth)
    {
        Assert.Null(ImageSniffer.Sniff(CraftedImages.Png(10, 10, bitDepth, colorType)));
    }

    [Fact]
    public void A_png_whose_chunk_claims_more_bytes_than_the_file_has_is_refused()
    {
        var bytes = CraftedImages.Png(10, 10);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(33), 0xFFFF_FFF0);

        Assert.Null(ImageSniffer.Sniff(bytes));
    }

    [Fact]
    public void A_png_without_image_data_or_without_its_palette_is_refused()
    {
        Assert.Null(ImageSniffer.Sniff(CraftedImages.Png(10, 10, chunksAfterHeader: [("IEND", [])])));
        Assert.Null(ImageSniffer.Sniff(CraftedImages.Png(10, 10, 8, 3)));
        Assert.NotNull(ImageSniffer.Sniff(CraftedImages.Png(10, 10, 8, 3, ("PLTE", [0, 0, 0]), ("IDAT", [0x78, 0x9C]), ("IEND", []))));
    }

    [Fact]
    public void A_png_with_a_second_header_is_refused()
    {
        var second = CraftedImages.PngChunk("IHDR", [0, 0, 0x40, 0, 0, 0, 0x40, 0, 8, 2, 0, 0, 0]);

        Assert.Null(ImageSniffer.Sniff(CraftedImages.Png(10, 10, chunksAfterHeader: [("IHDR", second[8..^4]), ("IDAT", [1]), ("IEND", [])])));
    }

    [Fact]
    public void A_palette_png_with_a_transparency_chunk_has_alpha()
    {
        var info = ImageSniffer.Sniff(CraftedImages.Png(10, 10, 8, 3, ("PLTE", [0, 0, 0]), ("tRNS", [0]), ("IDAT", [1]), ("IEND", [])));

        Assert.True(info!.HasAlpha);
    }

    [Fact]
    public void A_jpeg_declaring_the_largest_dimensions_reports_them()
    {
        var info = ImageSniffer.Sniff(CraftedImages.Jpeg(65535, 65535));

        Assert.Equal((ImageFormat.Jpeg, 65535, 65535), (info!.Format, info.Width, info.Height));
        Assert.Equal(65535L * 65535, info.PixelCount);
    }

    [Fact]
    public void A_jpeg_whose_height_is_left_for_later_is_refused()
    {
        Assert.Null(ImageSniffer.Sniff(CraftedImages.Jpeg(100, 0)));
        Assert.Null(ImageSniffer.Sniff(CraftedImages.Jpeg(0, 100)));
    }

    [Theory]
    [InlineData(0xC3)]
    [InlineData(0xC5)]
    [InlineData(0xC9)]
    [InlineData(0xCA)]
    [InlineData(0xCF)]
    public void A_jpeg_in_a_coding_decoders_do_not_support_is_refused(byte frameMarker)
    {
        Assert.Null(ImageSniffer.Sniff(CraftedImages.Jpeg(100, 100, frameMarker)));
    }

    [Theory]
    [InlineData(0xC1)]
    [InlineData(0xC2)]
    public void Extended_and_progressive_jpegs_are_jpegs(byte frameMarker)
    {
        Assert.Equal(ImageFormat.Jpeg, ImageSniffer.Sniff(CraftedImages.Jpeg(100, 50, frameMarker))?.Format);
    }

    [Fact]
    public void A_jpeg_with_a_malformed_frame_header_is_refused()
    {
        Assert.Null(ImageSniffer.Sniff(CraftedImages.Jpeg(100, 100, components: 2)));
        Assert.Null(ImageSniffer.Sniff(CraftedImages.Jpeg(100, 100, precision: 7)));
    }

    [Fact]
    public void A_jpeg_whose_scan_comes_before_its_frame_header_is_refused()
    {
        byte[] bytes = [0xFF, 0xD8, .. CraftedImages.JpegScan(), 0xFF, 0xD9];

        Assert.Null(ImageSniffer.Sniff(bytes));
    }

    [Fact]
    public void A_jpeg_with_two_frame_headers_is_refused()
    {
        var single = CraftedImages.Jpeg(10, 10);
        byte[] frame = single[2..21];
        byte[] bytes = [0xFF, 0xD8, .. frame, .. CraftedImages.Jpeg(5000, 5000)[2..]];

        Assert.Null(ImageSniffer.Sniff(bytes));
    }

    [Fact]
    public void A_jpeg_segment_longer_than_the_file_is_refused()
    {
        byte[] bytes = [0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 0x45, 0x78, 0x69, 0x66, 0xFF, 0xD9];

        Assert.Null(ImageSniffer.Sniff(bytes));
    }

    [Fact]
    public void A_jpeg_without_an_end_marker_is_refused()
    {
        var bytes = CraftedImages.Jpeg(10, 10);

        Assert.NotNull(ImageSniffer.Sniff(bytes));
        Assert.Null(ImageSniffer.Sniff(bytes.AsSpan(0, bytes.Length - 2)));
    }

    [Fact]
    public void A_lossless_webp_declaring_the_largest_dimensions_reports_them()
    {
        var info = ImageSniffer.Sniff(CraftedImages.WebP(CraftedImages.Vp8L(16384, 16384)));

        Assert.Equal((ImageFormat.WebP, 16384, 16384, false), (info!.Format, info.Width, info.Height, info.HasAlpha));
    }

    [Fact]
    public void An_extended_webp_reports_its_canvas_when_the_bitstream_matches_it()
    {
        var info = ImageSniffer.Sniff(CraftedImages.WebP(CraftedImages.Vp8X(0x10, 16384, 16000), CraftedImages.RiffChunk("ALPH", [0]), CraftedImages.Vp8L(16384, 16000)));

        Assert.Equal((ImageFormat.WebP, 16384, 16000, true), (info!.Format, info.Width, info.Height, info.HasAlpha));
    }

    [Fact]
    public void An_extended_webp_whose_canvas_differs_from_its_bitstream_is_refused()
    {
        Assert.Null(ImageSniffer.Sniff(CraftedImages.WebP(CraftedImages.Vp8X(0, 16, 16), CraftedImages.Vp8(16000, 16000))));
        Assert.Null(ImageSniffer.Sniff(CraftedImages.WebP(CraftedImages.Vp8X(0, 16_777_216, 200), CraftedImages.Vp8(16, 16))));
    }

    [Fact]
    public void An_animated_webp_is_refused()
    {
        Assert.Null(ImageSniffer.Sniff(CraftedImages.WebP(CraftedImages.Vp8X(0x02, 16, 16), CraftedImages.Vp8(16, 16))));
        Assert.Null(ImageSniffer.Sniff(CraftedImages.WebP(CraftedImages.Vp8X(0, 16, 16), CraftedImages.RiffChunk("ANIM", new byte[6]), CraftedImages.Vp8(16, 16))));
    }

    [Fact]
    public void An_extended_webp_without_an_image_chunk_is_refused()
    {
        Assert.Null(ImageSniffer.Sniff(CraftedImages.WebP(CraftedImages.Vp8X(0x10, 16, 16), CraftedImages.RiffChunk("ALPH", [0]))));
    }

    [Fact]
    public void A_webp_whose_riff_size_runs_past_the_file_is_refused()
    {
        var bytes = CraftedImages.WebP(CraftedImages.Vp8(16, 16));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 1_000_000);

        Assert.Null(ImageSniffer.Sniff(bytes));
    }

    [Fact]
    public void A_webp_whose_chunk_runs_past_the_riff_is_refused()
    {
        var bytes = CraftedImages.WebP(CraftedImages.Vp8(16, 16));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), 5000);

        Assert.Null(ImageSniffer.Sniff(bytes));
    }

    [Fact]
    public void A_lossy_webp_that_is_not_a_key_frame_or_lacks_its_start_code_is_refused()
    {
        Assert.NotNull(ImageSniffer.Sniff(CraftedImages.WebP(CraftedImages.Vp8(16, 16))));
        Assert.Null(ImageSniffer.Sniff(CraftedImages.WebP(CraftedImages.Vp8(16, 16, keyFrame: false))));

        var bytes = CraftedImages.WebP(CraftedImages.Vp8(16, 16));
        bytes[23] = 0x9E;
        Assert.Null(ImageSniffer.Sniff(bytes));
    }

    [Fact]
    public void A_lossless_webp_of_an_unknown_version_is_refused()
    {
        Assert.Null(ImageSniffer.Sniff(CraftedImages.WebP(CraftedImages.Vp8L(16, 16, version: 1))));
    }

    [Fact]
    public async Task Only_a_png_passes_the_png_check()
    {
        Assert.Equal(ImageFormat.Png, ImageSniffer.SniffPng(await File.ReadAllBytesAsync(samples.PngNamedJpg))?.Format);
        Assert.Equal(ImageFormat.Png, ImageSniffer.SniffPng(await File.ReadAllBytesAsync(samples.PngWithAlphaNamedWebp))?.Format);
        Assert.Null(ImageSniffer.SniffPng(await File.ReadAllBytesAsync(samples.JpegNamedPng)));
        Assert.Null(ImageSniffer.SniffPng(await File.ReadAllBytesAsync(samples.LosslessWebPNamedPng)));
        Assert.Null(ImageSniffer.SniffPng("data:image/png;base64,iVBORw0KGgo="u8));
    }
}
