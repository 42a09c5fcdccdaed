using System.Buffers.Binary;
using System.Text;

namespace AiStudio.Media.Video;

/// <summary>
/// Reads the track headers of an MP4 (its <c>moov</c> box) without starting a process: a cheap probe of the segments
/// a compile concatenates, run for every segment on every compile.
/// </summary>
internal static class Mp4HeaderReader
{
    private const int MaxMovieBoxBytes = 32 * 1024 * 1024;

    public static async Task<IReadOnlyList<Mp4Track>> ReadTracksAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        var header = new byte[16];
        long position = 0;
        while (position + 8 <= file.Length)
        {
            file.Position = position;
            await file.ReadExactlyAsync(header.AsMemory(0, 8), cancellationToken);
            var size = (long)BinaryPrimitives.ReadUInt32BigEndian(header);
            var headerLength = 8;
            if (size == 1)
            {
                await file.ReadExactlyAsync(header.AsMemory(8, 8), cancellationToken);
                size = checked((long)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8)));
                headerLength = 16;
            }
            else if (size == 0)
            {
                size = file.Length - position;
            }

            if (size < headerLength || position + size > file.Length)
            {
                throw new InvalidDataException($"{path}: malformed box at offset {position}.");
            }

            if (header.AsSpan(4, 4).SequenceEqual("moov"u8))
            {
                if (size > MaxMovieBoxBytes)
                {
                    throw new InvalidDataException($"{path}: movie header too large.");
                }

                var movie = new byte[size - headerLength];
                await file.ReadExactlyAsync(movie, cancellationToken);
                return ParseMovie(movie);
            }

            position += size;
        }

        throw new InvalidDataException($"{path}: no movie header.");
    }

    private static List<Mp4Track> ParseMovie(ReadOnlySpan<byte> movie)
    {
        var tracks = new List<Mp4Track>();
        foreach (var box in Boxes(movie))
        {
            if (box.Type == "trak")
            {
                tracks.Add(ParseTrack(box.Body));
            }
        }

        return tracks;
    }

    private static Mp4Track ParseTrack(ReadOnlySpan<byte> track)
    {
        var media = Child(track, "mdia");
        var mediaHeader = Child(media, "mdhd");
        uint timescale;
        ulong duration;
        if (mediaHeader[0] == 1)
        {
            timescale = BinaryPrimitives.ReadUInt32BigEndian(mediaHeader[20..]);
            duration = BinaryPrimitives.ReadUInt64BigEndian(mediaHeader[24..]);
        }
        else
        {
            timescale = BinaryPrimitives.ReadUInt32BigEndian(mediaHeader[12..]);
            duration = BinaryPrimitives.ReadUInt32BigEndian(mediaHeader[16..]);
        }

        var handler = Encoding.ASCII.GetString(Child(media, "hdlr")[8..12]);
        var sampleTable = Child(Child(media, "minf"), "stbl");
        var (entry, width, height, configuration) = ParseSampleDescription(Child(sampleTable, "stsd"), handler);
        var (sampleCount, constantDelta) = ParseTimeToSample(Child(sampleTable, "stts"));
        return new Mp4Track(handler, entry, width, height, timescale, duration, sampleCount, constantDelta, configuration);
    }

    private static (string Entry, int Width, int Height, byte[] Configuration) ParseSampleDescription(ReadOnlySpan<byte> description, string handler)
    {
        // Full box header (4), entry count (4), then the first sample entry box.
        var entry = description[8..];
        var entrySize = (int)BinaryPrimitives.ReadUInt32BigEndian(entry);
        var entryType = Encoding.ASCII.GetString(entry[4..8]);
        if (handler != "vide" || entrySize < 86 || entrySize > entry.Length)
        {
            return (entryType, 0, 0, []);
        }

        // A visual sample entry: 8 bytes of box header and 78 bytes of fields, with the width and height at 32..36.
        var width = BinaryPrimitives.ReadUInt16BigEndian(entry[32..]);
        var height = BinaryPrimitives.ReadUInt16BigEndian(entry[34..]);
        byte[] configuration = [];
        foreach (var box in Boxes(entry[86..entrySize]))
        {
            if (box.Type is "avcC" or "hvcC")
            {
                configuration = box.Body.ToArray();
            }
        }

        return (entryType, width, height, configuration);
    }

    private static (long SampleCount, uint? ConstantDelta) ParseTimeToSample(ReadOnlySpan<byte> timeToSample)
    {
        var entries = BinaryPrimitives.ReadUInt32BigEndian(timeToSample[4..]);
        long samples = 0;
        uint? delta = null;
        var constant = true;
        for (var i = 0; i < entries; i++)
        {
            var at = 8 + (i * 8);
            samples += BinaryPrimitives.ReadUInt32BigEndian(timeToSample[at..]);
            var entryDelta = BinaryPrimitives.ReadUInt32BigEndian(timeToSample[(at + 4)..]);
            constant &= delta is null || delta == entryDelta;
            delta = entryDelta;
        }

        return (samples, constant ? delta : null);
    }

    private static ReadOnlySpan<byte> Child(ReadOnlySpan<byte> parent, string wanted)
    {
        foreach (var box in Boxes(parent))
        {
            if (box.Type == wanted)
            {
                return box.Body;
            }
        }

        throw new InvalidDataException($"Missing '{wanted}' box.");
    }

    private static BoxEnumerator Boxes(ReadOnlySpan<byte> span) => new(span);

    /// <summary>Walks sibling boxes of a parent's body, yielding each box's type and body.</summary>
    private ref struct BoxEnumerator(ReadOnlySpan<byte> span)
    {
        private ReadOnlySpan<byte> _rest = span;

        public Box Current { get; private set; }

        public readonly BoxEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_rest.Length < 8)
            {
                return false;
            }

            var size = (long)BinaryPrimitives.ReadUInt32BigEndian(_rest);
            var headerLength = 8;
            if (size == 1 && _rest.Length >= 16)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(_rest[8..]);
                headerLength = 16;
            }
            else if (size == 0)
            {
                size = _rest.Length;
            }

            if (size < headerLength || size > _rest.Length)
            {
                throw new InvalidDataException("Malformed box.");
            }

            Current = new Box(Encoding.ASCII.GetString(_rest[4..8]), _rest[headerLength..(int)size]);
            _rest = _rest[(int)size..];
            return true;
        }
    }

    private readonly ref struct Box(string type, ReadOnlySpan<byte> body)
    {
        public string Type { get; } = type;

        public ReadOnlySpan<byte> Body { get; } = body;
    }
}
