using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Drills;

/// <summary>
/// An SSE subscriber that records every progress event of one stream and reconnects the way browsers do: whenever the
/// connection ends or fails, and whenever the drill asks, it connects again with <c>Last-Event-ID</c> set to the last
/// event it received. What it recorded can then be checked for gaps and repeats.
/// </summary>
public sealed class ProgressRecorder : IAsyncDisposable
{
    private static readonly TimeSpan ReconnectPause = TimeSpan.FromMilliseconds(500);

    private readonly HttpClient _http;
    private readonly string _path;
    private readonly List<RecordedEvent> _events = [];
    private readonly List<string> _connectionLog = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private CancellationTokenSource? _connection;
    private Task _loop = Task.CompletedTask;
    private int _connections;

    private readonly Func<JsonElement, bool> _isFinal;

    private ProgressRecorder(Uri baseAddress, string apiKey, string path, Func<JsonElement, bool>? isFinal)
    {
        _isFinal = isFinal ?? (_ => false);
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        _path = path;
    }

    /// <summary>Connections that answered 200 so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public IReadOnlyList<RecordedEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return _events.ToList();
            }
        }
    }

    /// <summary>Starts recording <paramref name="path"/> and waits for the first event (the current state).</summary>
    /// <param name="isFinal">The event after which the server ends the stream for good (a video's terminal event): no reconnecting after it.</param>
    public static async Task<ProgressRecorder> StartAsync(Uri baseAddress, string apiKey, string path, Func<JsonElement, bool>? isFinal = null)
    {
        var recorder = new ProgressRecorder(baseAddress, apiKey, path, isFinal);
        recorder._loop = Task.Run(recorder.RecordAsync);
        await recorder.WaitForAsync(_ => true, "the first progress event arrives", TimeSpan.FromSeconds(30));
        return recorder;
    }

    /// <summary>
    /// Drops the current connection and waits until a new one, resumed with Last-Event-ID, has been answered (unless
    /// the stream already ended for good).
    /// </summary>
    public async Task ReconnectAsync(TimeSpan timeout)
    {
        if (Events.Any(recorded => _isFinal(recorded.Data)))
        {
            return;
        }

        var before = Connections;
        CancellationTokenSource? current;
        lock (_gate)
        {
            current = _connection;
        }

        if (current is not null)
        {
            await current.CancelAsync();
        }

        await WaitUntil.ConditionAsync(() => Connections > before, "the SSE client has reconnected with Last-Event-ID", timeout, Describe);
    }

    /// <summary>Waits until an event whose data satisfies <paramref name="accept"/> has been recorded, and returns it.</summary>
    public async Task<RecordedEvent> WaitForAsync(Func<JsonElement, bool> accept, string expectation, TimeSpan timeout) =>
        (await WaitUntil.ValueAsync(
            () => Task.FromResult(Events.LastOrDefault(recorded => accept(recorded.Data))),
            recorded => recorded is not null,
            expectation,
            timeout,
            Describe))!;

    /// <summary>Fails unless the recorded sequence numbers rise by exactly one from the first event on: nothing missed, nothing twice.</summary>
    public void AssertContiguous()
    {
        var events = Events;
        Assert.NotEmpty(events);
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].Id != events[i - 1].Id + 1)
            {
                Assert.Fail($"Event {i} has id {events[i].Id} after {events[i - 1].Id}: the stream skipped or repeated events.{Environment.NewLine}{Describe()}");
            }
        }
    }

    /// <summary>How many "completed" image events were received, per image.</summary>
    public IReadOnlyDictionary<string, int> ImageCompletions() =>
        Events
            .Where(recorded => recorded.Data.TryGetProperty("imageId", out _) && recorded.Data.GetProperty("step").GetString() == "completed")
            .GroupBy(recorded => recorded.Data.GetProperty("imageId").GetString()!)
            .ToDictionary(group => group.Key, group => group.Count());

    public string Describe()
    {
        lock (_gate)
        {
            var ids = string.Join(",", _events.Select(recorded => recorded.Id));
            return $"SSE {_path}: {_events.Count} events, ids [{ids}]; connections: {string.Join(" | ", _connectionLog)}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _http.Dispose();
    }

    private async Task RecordAsync()
    {
        while (!_stop.IsCancellationRequested && !Events.Any(recorded => _isFinal(recorded.Data)))
        {
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            long? lastEventId;
            lock (_gate)
            {
                _connection = connection;
                lastEventId = _events.Count == 0 ? null : _events[^1].Id;
            }

            try
            {
                await ReadConnectionAsync(lastEventId, connection.Token);
                Log($"ended by the server after id {LastId()}");
            }
            catch (OperationCanceledException) when (connection.IsCancellationRequested)
            {
                Log($"dropped by the client after id {LastId()}");
            }
            catch (Exception e) when (e is HttpRequestException or IOException or JsonException or DrillRequestException)
            {
                Log($"failed after id {LastId()}: {e.GetType().Name}: {e.Message}");
            }

            try
            {
                await Task.Delay(ReconnectPause, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ReadConnectionAsync(long? lastEventId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new DrillRequestException($"answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        Interlocked.Increment(ref _connections);
        Log(lastEventId is null ? "connected" : $"connected with Last-Event-ID {lastEventId}");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
        long? frameId = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (frameId is { } sequence && data.Length > 0)
                {
                    var recorded = new RecordedEvent(sequence, JsonDocument.Parse(data.ToString()).RootElement.Clone());
                    lock (_gate)
                    {
                        _events.Add(recorded);
                    }
                }

                frameId = null;
                data.Clear();
            }
            else if (line.StartsWith("id:", StringComparison.Ordinal))
            {
                frameId = long.Parse(line[3..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line[5..].TrimStart(' '));
            }
        }
    }

    private long? LastId()
    {
        lock (_gate)
        {
            return _events.Count == 0 ? null : _events[^1].Id;
        }
    }

    private void Log(string entry)
    {
        lock (_gate)
        {
            _connectionLog.Add($"{DateTime.Now:HH:mm:ss.fff} {entry}");
        }
    }
}
