using System.Buffers.Binary;
using System.Text;

namespace AiStudio.Tests.Media.Images;

/// <summary>Hand-built headers for hostile and edge cases that no encoder would write.</summary>
public static class CraftedImages
{
    public static byte[] Png(uint width, uint height, byte bitDepth = 8, byte colorType = 2, params (string Type, byte[] Data)[] chunksAfterHeader)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), height);
        header[8] = bitDepth;
        header[9] = colorType;
        var body = chunksAfterHeader.Length > 0 ? chunksAfterHeader : [("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]), ("IEND", [])];
        return [.. (byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], .. PngChunk("IHDR", header), .. body.SelectMany(c => PngChunk(c.Type, c.Data))];
    }

    public static byte[] PngChunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary>The CRC-32 of the PNG specification (ISO 3309, reflected polynomial 0xEDB88320).</summary>
    public static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = uint.MaxValue;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
            }
        }

        return ~crc;
    }

    /// <summary>SOI, a frame header, a scan with escaped bytes and a restart marker, EOI.</summary>
    public static byte[] Jpeg(ushort width, ushort height, byte frameMarker = 0xC0, byte components = 3, byte precision = 8)
    {
        var frame = new List<byte> { precision, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, components };
        for (byte i = 1; i <= components; i++)
        {
            frame.AddRange([i, 0x11, 0x00]);
        }

        return [0xFF, 0xD8, .. JpegSegment(frameMarker, [.. frame]), .. JpegScan(), 0xFF, 0xD9];
    }

    public static byte[] JpegSegment(byte marker, byte[] payload) =>
        [0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];

    public static byte[] JpegScan() =>
        [.. JpegSegment(0xDA, [0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]), 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56];

    public static byte[] WebP(params byte[][] chunks)
    {
        byte[] body = [.. "WEBP"u8, .. chunks.SelectMany(c => c)];
        var riff = new byte[8 + body.Length];
        "RIFF"u8.CopyTo(riff);
        BinaryPrimitives.WriteUInt32LittleEndian(riff.AsSpan(4), (uint)body.Length);
        body.CopyTo(riff, 8);
        return riff;
    }

    public static byte[] RiffChunk(string fourCc, byte[] payload)
    {
        var chunk = new byte[8 + payload.Length + (payload.Length & 1)];
        Encoding.ASCII.GetBytes(fourCc).CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(chunk, 8);
        return chunk;
    }

    public static byte[] Vp8(ushort width, ushort height, bool keyFrame = true) =>
        RiffChunk("VP8 ", [keyFrame ? (byte)0x10 : (byte)0x11, 0x00, 0x00, 0x9D, 0x01, 0x2A, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8)]);

    public static byte[] Vp8L(int width, int height, bool alpha = false, uint version = 0)
    {
        var bits = (uint)(width - 1) | ((uint)(height - 1) << 14) | ((alpha ? 1u : 0u) << 28) | (version << 29);
        var payload = new byte[5];
        payload[0] = 0x2F;
        BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(1), bits);
        return RiffChunk("VP8L", payload);
    }

    public static byte[] Vp8X(byte flags, int canvasWidth, int canvasHeight)
    {
        var payload = new byte[10];
        payload[0] = flags;
        WriteUInt24(payload.AsSpan(4), canvasWidth - 1);
        WriteUInt24(payload.AsSpan(7), canvasHeight - 1);
        return RiffChunk("VP8X", payload);
    }

    private static void WriteUInt24(Span<byte> target, int value)
    {
        target[0] = (byte)value;
        target[1] = (byte)(value >> 8);
        target[2] = (byte)(value >> 16);
    }
}
