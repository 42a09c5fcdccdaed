using System.Buffers.Binary;

namespace AiStudio.Media;

/// <summary>Recognises music files by their leading bytes, so that neither the API nor FFmpeg trusts a name or a content type.</summary>
public static class AudioSniffer
{
    /// <summary>How many leading bytes <see cref="Demuxer"/> needs.</summary>
    public const int HeaderLength = 16;

    /// <summary>The demuxer for a music file (MP3, AAC, M4A/MP4, WAV, FLAC or Ogg), or null for anything else.</summary>
    public static string? Demuxer(ReadOnlySpan<byte> header)
    {
        if (header.Length < 12)
        {
            return null;
        }

        if (IsIsoMedia(header))
        {
            return "mov";
        }

        if (header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WAVE"u8))
        {
            return "wav";
        }

        if (header[..4].SequenceEqual("fLaC"u8))
        {
            return "flac";
        }

        if (header[..4].SequenceEqual("OggS"u8))
        {
            return "ogg";
        }

        if (header[..3].SequenceEqual("ID3"u8))
        {
            return "mp3";
        }

        if (header[0] == 0xFF && (header[1] & 0xF6) == 0xF0)
        {
            return "aac";
        }

        return header[0] == 0xFF && (header[1] & 0xE0) == 0xE0 ? "mp3" : null;
    }

    /// <summary>True for an ISO base media file (MP4, MOV, M4A): its first box is <c>ftyp</c>.</summary>
    public static bool IsIsoMedia(ReadOnlySpan<byte> header) =>
        header.Length >= 8 && header[4..8].SequenceEqual("ftyp"u8) && BinaryPrimitives.ReadUInt32BigEndian(header) >= 8;
}
