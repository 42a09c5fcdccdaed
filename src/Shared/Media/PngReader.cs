using System.Buffers.Binary;

namespace AiStudio.Media;

/// <summary>Walks a PNG's chunks from its header to <c>IEND</c>.</summary>
internal static class PngReader
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool HasSignature(ReadOnlySpan<byte> data) => data.StartsWith(Signature);

    /// <summary>A complete PNG's format and size, or null.</summary>
    public static ImageFormatInfo? Read(ReadOnlySpan<byte> data)
    {
        if (!HasSignature(data))
        {
            return null;
        }

        var position = Signature.Length;
        if (!TryReadChunk(data, ref position, out var type, out var chunk, out var storedCrc) || !type.SequenceEqual("IHDR"u8))
        {
            return null;
        }

        // The header decides the pixel limit, so it must be intact: its CRC covers the type and the 13 bytes after it.
        var header = ReadHeader(chunk);
        if (header is null || Crc32(data.Slice(Signature.Length + 4, 17)) != storedCrc)
        {
            return null;
        }

        var colorType = chunk[9];
        var paletteSeen = false;
        var dataSeen = false;
        var transparencySeen = false;
        while (TryReadChunk(data, ref position, out type, out _, out _))
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
    private static bool TryReadChunk(
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
        return IsChunkType(type);
    }

    private static ImageFormatInfo? ReadHeader(ReadOnlySpan<byte> chunk)
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

    private static bool IsChunkType(ReadOnlySpan<byte> type)
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
}
