using System.Buffers.Binary;

namespace AiStudio.Media;

/// <summary>Reads a WebP's RIFF chunks: simple lossy (VP8), simple lossless (VP8L) or extended (VP8X) stills.</summary>
internal static class WebPReader
{
    /// <summary>True when the bytes start like a WebP: a RIFF container of form <c>WEBP</c>.</summary>
    public static bool HasSignature(ReadOnlySpan<byte> data) =>
        data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8);

    /// <summary>A complete still WebP's format and size, or null.</summary>
    public static ImageFormatInfo? Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 20 || !HasSignature(data))
        {
            return null;
        }

        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (riffSize < 12 || riffSize > (uint)(data.Length - 8))
        {
            return null;
        }

        var chunks = data.Slice(12, (int)riffSize - 4);
        if (!TryReadRiffChunk(chunks, out var fourCc, out var payload, out var rest))
        {
            return null;
        }

        if (fourCc.SequenceEqual("VP8 "u8))
        {
            return ReadVp8(payload);
        }

        if (fourCc.SequenceEqual("VP8L"u8))
        {
            return ReadVp8L(payload);
        }

        return fourCc.SequenceEqual("VP8X"u8) ? ReadExtended(payload, rest) : null;
    }

    /// <summary>Splits off the first chunk; its payload must fit, a missing pad byte at the very end is tolerated.</summary>
    private static bool TryReadRiffChunk(
        ReadOnlySpan<byte> chunks, out ReadOnlySpan<byte> fourCc, out ReadOnlySpan<byte> payload, out ReadOnlySpan<byte> rest)
    {
        fourCc = payload = rest = default;
        if (chunks.Length < 8)
        {
            return false;
        }

        var size = BinaryPrimitives.ReadUInt32LittleEndian(chunks[4..]);
        if (size > (uint)(chunks.Length - 8))
        {
            return false;
        }

        fourCc = chunks[..4];
        payload = chunks.Slice(8, (int)size);
        rest = chunks[Math.Min(chunks.Length, 8 + (int)size + (int)(size & 1))..];
        return true;
    }

    /// <summary>A lossy key frame: a 3-byte frame tag, the start code 9D 01 2A, then 14-bit width and height.</summary>
    private static ImageFormatInfo? ReadVp8(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 10)
        {
            return null;
        }

        var tag = payload[0] | (payload[1] << 8) | (payload[2] << 16);
        var isKeyFrame = (tag & 1) == 0;
        var firstPartitionSize = tag >> 5;
        if (!isKeyFrame || firstPartitionSize > payload.Length - 10
            || payload[3] != 0x9D || payload[4] != 0x01 || payload[5] != 0x2A)
        {
            return null;
        }

        var width = BinaryPrimitives.ReadUInt16LittleEndian(payload[6..]) & 0x3FFF;
        var height = BinaryPrimitives.ReadUInt16LittleEndian(payload[8..]) & 0x3FFF;
        return width == 0 || height == 0
            ? null
            : new ImageFormatInfo(ImageFormat.WebP, width, height, "image/webp", "webp", HasAlpha: false);
    }

    /// <summary>A lossless image: signature 0x2F, then 14-bit width-1 and height-1, an alpha hint and a 3-bit version of 0.</summary>
    private static ImageFormatInfo? ReadVp8L(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 5 || payload[0] != 0x2F)
        {
            return null;
        }

        var bits = BinaryPrimitives.ReadUInt32LittleEndian(payload[1..]);
        if (bits >> 29 != 0)
        {
            return null;
        }

        var width = (int)(bits & 0x3FFF) + 1;
        var height = (int)((bits >> 14) & 0x3FFF) + 1;
        var hasAlpha = ((bits >> 28) & 1) == 1;
        return new ImageFormatInfo(ImageFormat.WebP, width, height, "image/webp", "webp", hasAlpha);
    }

    /// <summary>
    /// The extended format: a canvas header, then optional metadata and alpha chunks and one image chunk whose size must
    /// match the canvas (so a small canvas cannot hide a huge bitstream). Animations are refused: they are not stills.
    /// </summary>
    private static ImageFormatInfo? ReadExtended(ReadOnlySpan<byte> header, ReadOnlySpan<byte> chunks)
    {
        if (header.Length < 10)
        {
            return null;
        }

        var flags = header[0];
        var isAnimation = (flags & 0x02) != 0;
        var alphaFlag = (flags & 0x10) != 0;
        var canvasWidth = 1 + ReadUInt24LittleEndian(header[4..]);
        var canvasHeight = 1 + ReadUInt24LittleEndian(header[7..]);
        if (isAnimation || (long)canvasWidth * canvasHeight > uint.MaxValue)
        {
            return null;
        }

        var alphaChunkSeen = false;
        while (TryReadRiffChunk(chunks, out var fourCc, out var payload, out var rest))
        {
            chunks = rest;
            if (fourCc.SequenceEqual("ANIM"u8) || fourCc.SequenceEqual("ANMF"u8))
            {
                return null;
            }

            if (fourCc.SequenceEqual("ALPH"u8))
            {
                alphaChunkSeen = true;
                continue;
            }

            var isLossy = fourCc.SequenceEqual("VP8 "u8);
            if (isLossy || fourCc.SequenceEqual("VP8L"u8))
            {
                var image = isLossy ? ReadVp8(payload) : ReadVp8L(payload);
                return image is not null && image.Width == canvasWidth && image.Height == canvasHeight
                    ? image with { HasAlpha = alphaFlag || alphaChunkSeen || image.HasAlpha }
                    : null;
            }
        }

        return null;
    }

    private static int ReadUInt24LittleEndian(ReadOnlySpan<byte> bytes) => bytes[0] | (bytes[1] << 8) | (bytes[2] << 16);
}
