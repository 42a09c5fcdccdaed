using System.Net;
using System.Net.Sockets;
using AiStudio.Net;

namespace AiStudio.Webhooks;

/// <summary>
/// Where webhook POSTs may connect: like every server-side fetch, only to publicly routable addresses
/// (<see cref="NetworkAddressPolicy"/>) unless the host is one of <c>Fetch:AllowedHosts</c>. The check is made on the
/// address actually connected to, so a name that resolves differently later (DNS rebinding) still fails.
/// </summary>
public sealed class WebhookConnections(SafeFetchOptions options)
{
    private readonly HashSet<string> _allowedHosts = new(options.AllowedHosts.Select(Normalize), StringComparer.OrdinalIgnoreCase);

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = Normalize(context.DnsEndPoint.Host);
        var allowed = _allowedHosts.Contains(host);
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var permitted = addresses.Where(address => allowed || NetworkAddressPolicy.IsPubliclyRoutable(address)).ToList();
        if (permitted.Count == 0)
        {
            throw new FetchRefusedException($"The webhook host '{host}' does not resolve to a public address.");
        }

        SocketException? lastFailure = null;
        foreach (var address in permitted)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                lastFailure = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw lastFailure!;
    }

    private static string Normalize(string host) => host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.');
}
