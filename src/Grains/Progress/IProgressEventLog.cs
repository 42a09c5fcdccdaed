using AiStudio.Progress;

namespace AiStudio.Progress;

/// <summary>The retained history of each project's progress events, so that a reconnecting subscriber misses nothing.</summary>
public interface IProgressEventLog
{
    /// <summary>
    /// Stores the event under its sequence unless the stream already has that sequence, or already has an event of
    /// <paramref name="onceKey"/> when one is given.
    /// </summary>
    Task<ProgressAppend> AppendAsync(string streamKey, ProgressEvent progressEvent, string? onceKey = null, CancellationToken cancellationToken = default);

    /// <summary>Events with a sequence above <paramref name="afterSequence"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ProgressEvent>> ReadAfterAsync(string streamKey, long afterSequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence recorded for the stream, or 0 when it has none.</summary>
    Task<long> GetLastSequenceAsync(string streamKey, CancellationToken cancellationToken = default);

    Task DeleteStreamAsync(string streamKey, CancellationToken cancellationToken = default);
}
