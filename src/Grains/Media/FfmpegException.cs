namespace AiStudio.Media;

/// <summary>ffmpeg or ffprobe could not start, exited with an error, or ran past its time limit and was killed.</summary>
public sealed class FfmpegException : Exception
{
    public FfmpegException(string message, int? exitCode, string standardError, bool timedOut, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
        StandardError = standardError;
        TimedOut = timedOut;
    }

    /// <summary>The exit code, or null when the process never started or was killed.</summary>
    public int? ExitCode { get; }

    /// <summary>The end of what the tool wrote to stderr, for logs; it names local paths, so it is not for end users.</summary>
    public string StandardError { get; }

    public bool TimedOut { get; }
}
