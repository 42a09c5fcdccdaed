using System.Net;
using System.Net.Sockets;

namespace AiStudio.Tests.Infrastructure;

/// <summary>TCP ports on 127.0.0.1 for the processes and servers a test starts.</summary>
public static class LoopbackPort
{
    // Below Linux's ephemeral range (32768-60999), so outgoing connections never take a port between its choice and its
    // use, and chosen at random, so two suites on one machine do not walk the system's allocator to the same port.
    private const int FirstPort = 20000;
    private const int EndPort = 32768;

    /// <summary>A port that was free a moment ago, bound without address reuse to make sure.</summary>
    public static int Free()
    {
        while (true)
        {
            var port = Random.Shared.Next(FirstPort, EndPort);
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ExclusiveAddressUse = true };
            try
            {
                probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
    }
}
