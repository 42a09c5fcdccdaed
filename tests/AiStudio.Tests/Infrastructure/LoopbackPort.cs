using System.Net;
using System.Net.Sockets;

namespace AiStudio.Tests.Infrastructure;

/// <summary>TCP ports on 127.0.0.1 for the processes and servers a test starts.</summary>
public static class LoopbackPort
{
    /// <summary>A port the system just handed out and released, so almost surely still free.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
