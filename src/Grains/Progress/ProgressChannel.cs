using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace AiStudio.Progress;

/// <summary>
/// One project's progress feed, owned by the project's grain: it numbers events, records them in the log first
/// (the log is what replay trusts), then broadcasts them on the project's stream.
/// </summary>
public sealed class ProgressChannel
{
    private const int ReplayLimit = 5000;

    private readonly IProgressEventLog _log;
    private readonly IAsyncStream<ProgressEvent> _stream;
    private readonly string _streamKey;
    private readonly ILogger _logger;
    private long _lastSequence;

    private ProgressChannel(IProgressEventLog log, IAsyncStream<ProgressEvent> stream, string streamKey, long lastSequence, ILogger logger)
    {
        _log = log;
        _logger = logger;
        _stream = stream;
        _streamKey = streamKey;
        _lastSequence = lastSequence;
    }

    public long LastSequence => _lastSequence;

    public static async Task<ProgressChannel> OpenAsync(IProgressEventLog log, IStreamProvider streams, string streamNamespace, string projectId, ILogger logger)
    {
        var streamKey = streamNamespace + "/" + projectId;
        var lastSequence = await log.GetLastSequenceAsync(streamKey);
        var stream = streams.GetStream<ProgressEvent>(StreamId.Create(streamNamespace, projectId));
        return new ProgressChannel(log, stream, streamKey, lastSequence, logger);
    }

    /// <summary>Numbers the event (its Sequence is ignored), records it, then broadcasts it.</summary>
    public async Task<ProgressEvent> PublishAsync(ProgressEvent progressEvent)
    {
        var numbered = progressEvent with { Sequence = _lastSequence + 1 };
        await _log.AppendAsync(_streamKey, numbered);
        _lastSequence = numbered.Sequence;
        try
        {
            await _stream.OnNextAsync(numbered);
        }
        catch (Exception e)
        {
            // The event is already in the log: subscribers recover it by sequence, so a broadcast hiccup must not fail the transition.
            _logger.LogWarning(e, "Broadcasting progress event {Sequence} of {Stream} failed", numbered.Sequence, _streamKey);
        }

        return numbered;
    }

    /// <summary>Retained events after <paramref name="afterSequence"/>, plus <paramref name="current"/> stamped with the latest sequence.</summary>
    public async Task<ProgressReplay> ReplayAsync(long afterSequence, ProgressEvent current)
    {
        var missed = afterSequence < _lastSequence
            ? await _log.ReadAfterAsync(_streamKey, Math.Max(afterSequence, -1), ReplayLimit)
            : [];
        return new ProgressReplay(missed, current with { Sequence = _lastSequence });
    }

    public Task DeleteAsync() => _log.DeleteStreamAsync(_streamKey);
}
