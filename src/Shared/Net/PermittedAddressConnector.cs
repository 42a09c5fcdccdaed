using System.Net;
using System.Net.Sockets;

namespace AiStudio.Net;

/// <summary>
/// The connect step of every server-side HTTP call to a URL a user gave (fetches, webhooks): it connects only to
/// publicly routable addresses (<see cref="NetworkAddressPolicy"/>) unless the host is one of the allowed ones. The check
/// is made on the address actually connected to, so a name that resolves differently later (DNS rebinding) still fails.
/// </summary>
public sealed class PermittedAddressConnector(IEnumerable<string> allowedHosts)
{
    private readonly HashSet<string> _allowedHosts = new(allowedHosts.Select(NormalizeHost), StringComparer.OrdinalIgnoreCase);

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/>; throws <see cref="FetchRefusedException"/> for a host with no permitted address.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = NormalizeHost(context.DnsEndPoint.Host);
        var allowed = _allowedHosts.Contains(host);
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);

        var permitted = addresses.Where(address => allowed || NetworkAddressPolicy.IsPubliclyRoutable(address)).ToList();
        if (permitted.Count == 0)
        {
            throw new FetchRefusedException($"The host '{host}' does not resolve to a public address.");
        }

        Exception? lastFailure = null;
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

    private static string NormalizeHost(string host) => host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.');
}
