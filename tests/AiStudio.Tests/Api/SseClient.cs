using System.Text;
using System.Text.Json;

namespace AiStudio.Tests.Api;

/// <summary>A minimal Server-Sent Events reader: frames of <c>id</c>, <c>event</c> and <c>data</c>; comment lines are skipped.</summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseClient(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public HttpResponseMessage Response => _response;

    public static async Task<SseClient> ConnectAsync(HttpClient client, string path, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId.Value.ToString());
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        return new SseClient(response, reader);
    }

    /// <summary>The next event, or null when the server ended the stream; fails after <paramref name="timeout"/>.</summary>
    public async Task<SseEvent?> ReadAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        long? id = null;
        string? name = null;
        var data = new StringBuilder();
        while (true)
        {
            var line = await _reader.ReadLineAsync(deadline.Token);
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    return new SseEvent(id, name ?? "message", JsonDocument.Parse(data.ToString()).RootElement.Clone());
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                continue;
            }

            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id":
                    id = long.Parse(value);
                    break;
                case "event":
                    name = value;
                    break;
                case "data":
                    data.Append(value);
                    break;
            }
        }
    }

    /// <summary>Reads until an event satisfies <paramref name="until"/>, returning every event read (that one included).</summary>
    public async Task<IReadOnlyList<SseEvent>> ReadUntilAsync(Func<SseEvent, bool> until, TimeSpan? timeout = null)
    {
        var events = new List<SseEvent>();
        while (true)
        {
            var next = await ReadAsync(timeout) ?? throw new InvalidOperationException(
                $"The stream ended after {events.Count} events: {string.Join(" | ", events.Select(e => e.Data.GetRawText()))}");
            events.Add(next);
            if (until(next))
            {
                return events;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
