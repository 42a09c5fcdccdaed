using System.Collections.Concurrent;
using System.Net;
using System.Text;
using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Webhooks;

/// <summary>An HTTP endpoint on 127.0.0.1 that records every request and answers with the status codes it is told, then 200.</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<HttpStatusCode> _answers;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    public WebhookReceiver(params HttpStatusCode[] answers)
    {
        _answers = new ConcurrentQueue<HttpStatusCode>(answers);
        Url = $"http://127.0.0.1:{LoopbackPort.Free()}/hooks/video/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public IReadOnlyList<ReceivedWebhook> Received => _received.ToList();

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.OfType<string>()
                .ToDictionary(name => name.ToLowerInvariant(), name => context.Request.Headers[name]!);
            _received.Enqueue(new ReceivedWebhook(context.Request.HttpMethod, headers, body));
            context.Response.StatusCode = (int)(_answers.TryDequeue(out var answer) ? answer : HttpStatusCode.OK);
            context.Response.Close();
        }
    }
}
