using FFMpegCore;
using FFMpegCore.Enums;

namespace AiStudio.Media.Video;

/// <summary>
/// Runs ffmpeg through FFMpegCore with a hard time limit (the process is killed, not asked to quit) and
/// turns every failure into an <see cref="FfmpegRunException"/> carrying the stderr tail.
/// </summary>
internal static class FfmpegProcess
{
    /// <summary>Opens an input with only the file protocol allowed and the demuxer we chose, never one FFmpeg guessed.</summary>
    public static FFMpegInputOptions GuardedAs(this FFMpegInputOptions options, string demuxer) =>
        options.ForceFormat(demuxer).WithCustomArgument("-protocol_whitelist file");

    public static async Task RunAsync(FFMpegArgumentProcessor processor, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeLimit);
        FFMpegResult result;
        try
        {
            result = await processor
                .WithLogLevel(FFMpegLogLevel.Error)
                .CancellableThrough(limit.Token, TimeSpan.Zero)
                .ProcessAsynchronously(throwOnError: false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new FfmpegRunException("ffmpeg could not run", [], innerException: e);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (result.Cancelled)
        {
            throw new FfmpegRunException($"ffmpeg overran its time limit of {timeLimit}", result.StandardError, timedOut: true);
        }

        if (!result.Success)
        {
            throw new FfmpegRunException($"ffmpeg exited with code {result.ExitCode}", result.StandardError);
        }
    }
}
