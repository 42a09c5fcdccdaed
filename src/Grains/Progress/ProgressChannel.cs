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
    private const int MaxAppendAttempts = 3;

    private readonly IProgressEventLog _log;
    private readonly IAsyncStream<ProgressEvent> _stream;
    private readonly string _streamKey;
    private readonly ILogger _logger;
    private long _lastSequence;
    private bool _sequenceInDoubt;

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

    /// <summary>
    /// Numbers the event (its Sequence is ignored), records it, then broadcasts it. An event with a
    /// <paramref name="onceKey"/> the log already holds is a repeated report: nothing is recorded or sent, and the answer is null.
    /// </summary>
    public async Task<ProgressEvent?> PublishAsync(ProgressEvent progressEvent, string? onceKey = null)
    {
        if (_sequenceInDoubt)
        {
            _lastSequence = await _log.GetLastSequenceAsync(_streamKey);
            _sequenceInDoubt = false;
        }

        var numbered = progressEvent with { Sequence = _lastSequence + 1 };
        for (var attempt = 1; ; attempt++)
        {
            var appended = await AppendAsync(numbered, onceKey);
            if (appended == ProgressAppend.AlreadyRecorded)
            {
                return null;
            }

            if (appended == ProgressAppend.Appended)
            {
                break;
            }

            // The number is taken (by another activation, or by an append that committed but failed to answer): take the next free one.
            if (attempt == MaxAppendAttempts)
            {
                throw new InvalidOperationException($"Progress event of {_streamKey} could not be numbered after {attempt} attempts.");
            }

            numbered = numbered with { Sequence = await _log.GetLastSequenceAsync(_streamKey) + 1 };
        }

        _lastSequence = numbered.Sequence;
        await BroadcastAsync(numbered);
        return numbered;
    }

    /// <summary>Deletes the retained events, then tells open subscribers the stream is closed, so they end instead of polling a deleted project.</summary>
    public async Task DeleteAsync()
    {
        await _log.DeleteStreamAsync(_streamKey);
        await BroadcastAsync(new ProgressEvent(_lastSequence, _stream.StreamId.GetKeyAsString(), "", "", "", null, DateTimeOffset.UtcNow)
        {
            ClosesStream = true,
        });
    }

    private async Task BroadcastAsync(ProgressEvent progressEvent)
    {
        try
        {
            await _stream.OnNextAsync(progressEvent);
        }
        catch (Exception e)
        {
            // Subscribers recover a lost event from the log (and notice a deleted project) at their next heartbeat, so a hiccup must not fail the caller.
            _logger.LogWarning(e, "Broadcasting progress event {Sequence} of {Stream} failed", progressEvent.Sequence, _streamKey);
        }
    }

    private async Task<ProgressAppend> AppendAsync(ProgressEvent numbered, string? onceKey)
    {
        try
        {
            return await _log.AppendAsync(_streamKey, numbered, onceKey);
        }
        catch
        {
            // The append may have committed before it failed, so the next event must not trust the count kept here.
            _sequenceInDoubt = true;
            throw;
        }
    }

    /// <summary>Retained events after <paramref name="afterSequence"/>, plus <paramref name="current"/> stamped with the latest sequence.</summary>
    public async Task<ProgressReplay> ReplayAsync(long afterSequence, ProgressEvent current)
    {
        var missed = afterSequence < _lastSequence
            ? await _log.ReadAfterAsync(_streamKey, Math.Max(afterSequence, -1), ReplayLimit)
            : [];
        return new ProgressReplay(missed, current with { Sequence = _lastSequence });
    }
}
