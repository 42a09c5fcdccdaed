using System.Buffers.Binary;

namespace AiStudio.Media;

/// <summary>Walks a JPEG's segments to its end-of-image marker, reading the one frame header on the way.</summary>
internal static class JpegReader
{
    private const byte StartOfImage = 0xD8;
    private const byte EndOfImage = 0xD9;
    private const byte StartOfScan = 0xDA;

    /// <summary>True when the bytes start like a JPEG (start-of-image, then a marker).</summary>
    public static bool HasSignature(ReadOnlySpan<byte> data) =>
        data.Length >= 3 && data[0] == 0xFF && data[1] == StartOfImage && data[2] == 0xFF;

    /// <summary>A complete JPEG's format and size, or null.</summary>
    public static ImageFormatInfo? Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4 || !HasSignature(data))
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
            if (marker == EndOfImage)
            {
                return scanSeen ? frame : null;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue;
            }

            if (marker is 0x00 or StartOfImage || position + 2 > data.Length)
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
            if (IsStartOfFrame(marker))
            {
                if (frame is not null)
                {
                    return null;
                }

                frame = ReadFrame(marker, payload);
                if (frame is null)
                {
                    return null;
                }
            }
            else if (marker == StartOfScan)
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

    private static bool IsStartOfFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);

    /// <summary>Reads a frame header; only the codings decoders commonly support (baseline, extended, progressive Huffman) qualify.</summary>
    private static ImageFormatInfo? ReadFrame(byte marker, ReadOnlySpan<byte> payload)
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
}
