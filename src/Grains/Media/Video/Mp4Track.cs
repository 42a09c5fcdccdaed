namespace AiStudio.Media.Video;

/// <summary>
/// What an MP4 header says about one track: its handler (<c>vide</c>, <c>soun</c>), sample entry (<c>avc1</c>,
/// <c>mp4a</c>), coded size, media timescale and duration, the frame duration when every sample has the same one, and
/// the decoder configuration record (the <c>avcC</c> payload for H.264).
/// </summary>
internal sealed record Mp4Track(
    string Handler,
    string SampleEntry,
    int Width,
    int Height,
    uint Timescale,
    ulong Duration,
    long SampleCount,
    uint? ConstantSampleDelta,
    byte[] DecoderConfiguration)
{
    public double DurationSeconds => Timescale == 0 ? 0 : (double)Duration / Timescale;

    /// <summary>AVCProfileIndication from the avcC record: 66 baseline, 77 main, 100 high, …; 0 when not H.264.</summary>
    public int AvcProfile => SampleEntry == "avc1" && DecoderConfiguration.Length > 1 ? DecoderConfiguration[1] : 0;
}
