namespace AiStudio.Media.Video;

/// <summary>An ffmpeg run that failed or overran its time limit; the message ends with the tail of its stderr.</summary>
internal sealed class FfmpegRunException : Exception
{
    private const int TailLines = 12;

    public FfmpegRunException(string message, IReadOnlyList<string> standardError, bool timedOut = false, Exception? innerException = null)
        : base(WithTail(message, standardError), innerException)
    {
        TimedOut = timedOut;
    }

    public bool TimedOut { get; }

    private static string WithTail(string message, IReadOnlyList<string> standardError)
    {
        var tail = standardError.Skip(Math.Max(0, standardError.Count - TailLines)).Where(line => line.Length > 0);
        var text = string.Join(Environment.NewLine, tail);
        return text.Length == 0 ? message : message + ":" + Environment.NewLine + text;
    }
}
