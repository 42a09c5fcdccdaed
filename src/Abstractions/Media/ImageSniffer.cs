using System.Buffers.Binary;

namespace AiStudio.Media;

/// <summary>
/// Recognises JPEG, PNG and WebP by their bytes, never by name, and reads their dimensions from the headers without
/// decoding, so callers can refuse anything else (a playlist named .jpg, an SVG, a GIF, a cut-off upload) and enforce a
/// pixel limit before a decoder ever runs. The file is walked to its end marker: segments or chunks that run past the
/// end of the content make it unreadable (null).
/// </summary>
public static class ImageSniffer
{
    private const byte JpegStartOfImage = 0xD8;
    private const byte JpegEndOfImage = 0xD9;
    private const byte JpegStartOfScan = 0xDA;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The format and size of a complete JPEG, PNG or WebP image, or null for anything else.</summary>
    public static ImageFormatInfo? Sniff(ReadOnlySpan<byte> content) =>
        ReadJpeg(content) ?? ReadPng(content) ?? ReadWebP(content);

    /// <summary>The size of a complete PNG image (masks must be PNG), or null when the content is anything else.</summary>
    public static ImageFormatInfo? SniffPng(ReadOnlySpan<byte> content) => ReadPng(content);

    /// <summary>Sniffs a file the server already holds; its size was bounded when it was accepted.</summary>
    public static async Task<ImageFormatInfo?> SniffFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var content = await File.ReadAllBytesAsync(path, cancellationToken);
        return Sniff(content);
    }

    private static ImageFormatInfo? ReadJpeg(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != JpegStartOfImage || data[2] != 0xFF)
        {
            return null;
        }

        var position = 2;
        ImageFormatInfo? frame = null;
        var scanSeen = false;
        while (true)
        {
            if (position >= data.Length || data[position] != 0xFF)
            {
                return null;
            }

            while (position < data.Length && data[position] == 0xFF)
            {
                position++;
            }

            if (position >= data.Length)
            {
                return null;
            }

            var marker = data[position++];
            if (marker == JpegEndOfImage)
            {
                return scanSeen ? frame : null;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue;
            }

            if (marker is 0x00 or JpegStartOfImage || position + 2 > data.Length)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2 || position + length > data.Length)
            {
                return null;
            }

            var payload = data.Slice(position + 2, length - 2);
            position += length;
            if (IsJpegStartOfFrame(marker))
            {
                if (frame is not null)
                {
                    return null;
                }

                frame = ReadJpegFrame(marker, payload);
                if (frame is null)
                {
                    return null;
                }
            }
            else if (marker == JpegStartOfScan)
            {
                if (frame is null)
                {
                    return null;
                }

                scanSeen = true;
                position = EndOfEntropyCodedData(data, position);
                if (position < 0)
                {
                    return null;
                }
            }
        }
    }

    private static bool IsJpegStartOfFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);

    /// <summary>Reads a frame header; only the codings decoders commonly support (baseline, extended, progressive Huffman) qualify.</summary>
    private static ImageFormatInfo? ReadJpegFrame(byte marker, ReadOnlySpan<byte> payload)
    {
        if (marker is not (0xC0 or 0xC1 or 0xC2) || payload.Length < 6)
        {
            return null;
        }

        var precision = payload[0];
        var height = BinaryPrimitives.ReadUInt16BigEndian(payload[1..]);
        var width = BinaryPrimitives.ReadUInt16BigEndian(payload[3..]);
        var components = payload[5];
        if (precision is not (8 or 12) || width == 0 || height == 0 || components is not (1 or 3 or 4)
            || payload.Length != 6 + 3 * components)
        {
            return null;
        }

        for (var i = 0; i < components; i++)
        {
            var sampling = payload[6 + 3 * i + 1];
            if ((sampling >> 4) is < 1 or > 4 || (sampling & 0x0F) is < 1 or > 4)
            {
                return null;
            }
        }

        return new ImageFormatInfo(ImageFormat.Jpeg, width, height, "image/jpeg", "jpg", HasAlpha: false);
    }

    /// <summary>The position of the marker that ends a scan's entropy-coded data, or -1 when the data runs to the end.</summary>
    private static int EndOfEntropyCodedData(ReadOnlySpan<byte> data, int position)
    {
        while (true)
        {
            var offset = data[position..].IndexOf((byte)0xFF);
            if (offset < 0)
            {
                return -1;
            }

            position += offset;
            if (position + 1 >= data.Length)
            {
                return -1;
            }

            // Inside a scan, FF 00 is an escaped data byte and FF D0..D7 a restart marker; anything else ends the scan.
            var next = data[position + 1];
            if (next is 0x00 or (>= 0xD0 and <= 0xD7))
            {
                position += 2;
                continue;
            }

            return position;
        }
    }

    private static ImageFormatInfo? ReadPng(ReadOnlySpan<byte> data)
    {
        if (!data.StartsWith(PngSignature))
        {
            return null;
        }

        var position = PngSignature.Length;
        if (!TryReadPngChunk(data, ref position, out var type, out var chunk, out var storedCrc) || !type.SequenceEqual("IHDR"u8))
        {
            return null;
        }

        // The header decides the pixel limit, so it must be intact: its CRC covers the type and the 13 bytes after it.
        var header = ReadPngHeader(chunk);
        if (header is null || Crc32(data.Slice(PngSignature.Length + 4, 17)) != storedCrc)
        {
            return null;
        }

        var colorType = chunk[9];
        var paletteSeen = false;
        var dataSeen = false;
        var transparencySeen = false;
        while (TryReadPngChunk(data, ref position, out type, out _, out _))
        {
            if (type.SequenceEqual("IHDR"u8) || (type.SequenceEqual("PLTE"u8) && dataSeen))
            {
                return null;
            }

            paletteSeen |= type.SequenceEqual("PLTE"u8);
            transparencySeen |= type.SequenceEqual("tRNS"u8);
            dataSeen |= type.SequenceEqual("IDAT"u8);
            if (type.SequenceEqual("IEND"u8))
            {
                return dataSeen && (colorType != 3 || paletteSeen) ? header with { HasAlpha = header.HasAlpha || transparencySeen } : null;
            }
        }

        return null;
    }

    /// <summary>Reads the chunk at <paramref name="position"/> and advances past it; false when it is cut off or its type is not four letters.</summary>
    private static bool TryReadPngChunk(
        ReadOnlySpan<byte> data, ref int position, out ReadOnlySpan<byte> type, out ReadOnlySpan<byte> chunk, out uint storedCrc)
    {
        type = chunk = default;
        storedCrc = 0;
        if (position > data.Length - 12)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(data[position..]);
        if (length > (uint)(data.Length - position - 12))
        {
            return false;
        }

        type = data.Slice(position + 4, 4);
        chunk = data.Slice(position + 8, (int)length);
        storedCrc = BinaryPrimitives.ReadUInt32BigEndian(data[(position + 8 + (int)length)..]);
        position += 12 + (int)length;
        return IsPngChunkType(type);
    }

    private static ImageFormatInfo? ReadPngHeader(ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length != 13)
        {
            return null;
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(chunk);
        var height = BinaryPrimitives.ReadUInt32BigEndian(chunk[4..]);
        var bitDepth = chunk[8];
        var colorType = chunk[9];
        var validDepth = colorType switch
        {
            0 => bitDepth is 1 or 2 or 4 or 8 or 16,
            3 => bitDepth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => bitDepth is 8 or 16,
            _ => false,
        };
        if (width is 0 or > int.MaxValue || height is 0 or > int.MaxValue || !validDepth
            || chunk[10] != 0 || chunk[11] != 0 || chunk[12] > 1)
        {
            return null;
        }

        return new ImageFormatInfo(ImageFormat.Png, (int)width, (int)height, "image/png", "png", HasAlpha: colorType is 4 or 6);
    }

    private static bool IsPngChunkType(ReadOnlySpan<byte> type)
    {
        foreach (var c in type)
        {
            if (!char.IsAsciiLetter((char)c))
            {
                return false;
            }
        }

        return true;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    private static ImageFormatInfo? ReadWebP(ReadOnlySpan<byte> data)
    {
        if (data.Length < 20 || !data.StartsWith("RIFF"u8) || !data.Slice(8, 4).SequenceEqual("WEBP"u8))
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

        return fourCc.SequenceEqual("VP8X"u8) ? ReadExtendedWebP(payload, rest) : null;
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
    private static ImageFormatInfo? ReadExtendedWebP(ReadOnlySpan<byte> header, ReadOnlySpan<byte> chunks)
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
