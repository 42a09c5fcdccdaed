using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using AiStudio.Problems;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace AiStudio.Progress;

/// <summary>
/// Serves one project's progress as Server-Sent Events. It subscribes to the project's stream before reading the
/// retained history, so nothing published in between is lost; events at or below the last sequence sent are dropped,
/// so nothing is sent twice; a gap in live sequences is filled from the history. Used by image and video projects alike.
/// </summary>
public sealed class ProgressEventStream(IClusterClient client, IOptions<ProgressStreamOptions> options, ILogger<ProgressEventStream> logger)
{
    private const int LiveBufferCapacity = 1024;

    private static readonly JsonSerializerOptions DataOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Writes the stream of <paramref name="streamId"/> to the response until the client leaves or the project is deleted
    /// (or, with <paramref name="endAfterTerminal"/>, after a terminal event). <paramref name="source"/> must already be known
    /// to exist and to belong to the caller. Answers 404 when the project vanished meanwhile.
    /// </summary>
    public async Task<IResult> ServeAsync(HttpContext context, StreamId streamId, IProgressSource source, bool endAfterTerminal)
    {
        var cancellationToken = context.RequestAborted;
        var lastEventId = ParseLastEventId(context.Request.Headers["Last-Event-ID"]);
        // A slow client cannot make the API hoard events: the oldest are dropped, and the gap is refilled from the retained log.
        var live = Channel.CreateBounded<ProgressEvent>(new BoundedChannelOptions(LiveBufferCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropOldest,
        });
        var stream = client.GetStreamProvider(ProgressStreams.ProviderName).GetStream<ProgressEvent>(streamId);
        var subscription = await stream.SubscribeAsync(
            (item, _) =>
            {
                live.Writer.TryWrite(item);
                return Task.CompletedTask;
            },
            error =>
            {
                logger.LogWarning(error, "Progress stream {StreamId} failed; closing its event stream", streamId);
                live.Writer.TryComplete();
                return Task.CompletedTask;
            });

        try
        {
            var replay = await source.GetProgressSinceAsync(lastEventId ?? -1);
            if (replay is null)
            {
                throw ApiProblemException.NotFound("The project does not exist.");
            }

            await StartResponseAsync(context);
            var writer = new SseWriter(context.Response, logger);
            var first = lastEventId is null ? [replay.Current] : replay.Missed.Where(e => e.Sequence > lastEventId.Value).ToList();
            // An ID beyond the stream's last sequence (a forged or stale header) means nothing was missed, not "wait for that number".
            var lastSent = Math.Min(lastEventId ?? -1, replay.Current.Sequence);
            foreach (var item in first)
            {
                lastSent = await writer.WriteAsync(item, lastSent, cancellationToken);
            }

            var ended = endAfterTerminal && replay.Current.IsTerminal;
            if (!ended)
            {
                await ForwardLiveAsync(writer, live.Reader, source, lastSent, endAfterTerminal, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client left: nothing to answer.
        }
        finally
        {
            await UnsubscribeAsync(subscription);
        }

        return TypedResults.Empty;
    }

    private async Task ForwardLiveAsync(
        SseWriter writer, ChannelReader<ProgressEvent> live, IProgressSource source, long lastSent, bool endAfterTerminal,
        CancellationToken cancellationToken)
    {
        var heartbeat = options.Value.HeartbeatInterval;
        Task<bool>? waiting = null;
        while (true)
        {
            waiting ??= live.WaitToReadAsync(cancellationToken).AsTask();
            bool hasEvents;
            try
            {
                hasEvents = await waiting.WaitAsync(heartbeat, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Quiet period: keep proxies from closing the connection and pick up anything live delivery lost.
                await writer.WriteCommentAsync("heartbeat", cancellationToken);
                (lastSent, var terminal, var gone) = await CatchUpAsync(writer, source, lastSent, cancellationToken);
                if (gone || (endAfterTerminal && terminal))
                {
                    return;
                }

                continue;
            }

            if (!hasEvents)
            {
                // The stream subscription broke: end the response so the client reconnects with Last-Event-ID.
                return;
            }

            waiting = null;
            while (live.TryRead(out var item))
            {
                if (item.ClosesStream == true)
                {
                    // The project was deleted: end the response; a reconnecting client is answered 404.
                    return;
                }

                if (item.Sequence <= lastSent)
                {
                    continue;
                }

                if (item.Sequence > lastSent + 1)
                {
                    (lastSent, _, _) = await CatchUpAsync(writer, source, lastSent, cancellationToken, upTo: item.Sequence - 1);
                }

                lastSent = await writer.WriteAsync(item, lastSent, cancellationToken);
                if (endAfterTerminal && item.IsTerminal)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Sends retained events after <paramref name="lastSent"/> (up to <paramref name="upTo"/>) that live delivery did not
    /// bring; <c>Gone</c> when the project no longer exists.
    /// </summary>
    private async Task<(long LastSent, bool Terminal, bool Gone)> CatchUpAsync(
        SseWriter writer, IProgressSource source, long lastSent, CancellationToken cancellationToken, long upTo = long.MaxValue)
    {
        ProgressReplay? replay;
        try
        {
            replay = await source.GetProgressSinceAsync(lastSent).WaitAsync(options.Value.CatchUpTimeout, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug(e, "Progress catch-up failed; live events continue");
            return (lastSent, false, false);
        }

        if (replay is null)
        {
            return (lastSent, false, true);
        }

        var terminal = false;
        foreach (var item in replay.Missed)
        {
            if (item.Sequence > lastSent && item.Sequence <= upTo)
            {
                lastSent = await writer.WriteAsync(item, lastSent, cancellationToken);
                terminal |= item.IsTerminal;
            }
        }

        return (lastSent, terminal, false);
    }

    private static async Task StartResponseAsync(HttpContext context)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        await context.Response.StartAsync(context.RequestAborted);
    }

    private async Task UnsubscribeAsync(StreamSubscriptionHandle<ProgressEvent> subscription)
    {
        try
        {
            await subscription.UnsubscribeAsync().WaitAsync(options.Value.CatchUpTimeout);
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Unsubscribing from a progress stream failed; the subscription lapses with the client");
        }
    }

    private static long? ParseLastEventId(string? header) =>
        long.TryParse(header, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>Writes SSE frames: <c>id</c>, <c>event: progress</c>, one <c>data</c> line of camelCase JSON without nulls.</summary>
    private sealed class SseWriter(HttpResponse response, ILogger logger)
    {
        public async Task<long> WriteAsync(ProgressEvent item, long lastSent, CancellationToken cancellationToken)
        {
            if (item.Sequence <= lastSent)
            {
                logger.LogDebug("Dropped progress event {Sequence} already sent", item.Sequence);
                return lastSent;
            }

            var frame = new StringBuilder()
                .Append("id: ").Append(item.Sequence).Append('\n')
                .Append("event: progress\n")
                .Append("data: ").Append(JsonSerializer.Serialize(item, DataOptions)).Append("\n\n")
                .ToString();
            await response.WriteAsync(frame, cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
            return item.Sequence;
        }

        public async Task WriteCommentAsync(string comment, CancellationToken cancellationToken)
        {
            await response.WriteAsync($": {comment}\n\n", cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }
    }
}
