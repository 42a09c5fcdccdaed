using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace AiStudio.Tests.Api;

/// <summary>Real, complete images made in memory, so tests need no files on disk.</summary>
public static class TestImages
{
    /// <summary>A valid 8-bit greyscale PNG of the given size (a horizontal gradient).</summary>
    public static byte[] Png(int width, int height)
    {
        var raw = new byte[(width + 1) * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                raw[y * (width + 1) + 1 + x] = (byte)(x * 255 / Math.Max(1, width - 1));
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 0; // greyscale

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    public static string PngDataUrl(int width, int height) => "data:image/png;base64," + Convert.ToBase64String(Png(width, height));

    /// <summary>Text that claims to be an image by name only.</summary>
    public static byte[] NotAnImage => "this is plain text, not a picture"u8.ToArray();

    /// <summary>An HLS playlist that would make a naive decoder fetch a remote URL.</summary>
    public static byte[] PlaylistDisguisedAsImage =>
        Encoding.ASCII.GetBytes("#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:10.0,\nhttp://169.254.169.254/latest/meta-data\n#EXT-X-ENDLIST\n");

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        png.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
