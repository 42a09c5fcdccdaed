namespace AiStudio.Net;

public static class GuardedHttpHandler
{
    /// <summary>
    /// The one way this service connects out: every connection goes through <see cref="PermittedAddressConnector"/>
    /// (public addresses only, unless allowed by <c>Fetch:AllowedHosts</c>), with no proxy, cookies or automatic
    /// redirects, whose targets would escape that check.
    /// </summary>
    public static SocketsHttpHandler Create(SafeFetchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = new PermittedAddressConnector(options.AllowedHosts).ConnectAsync,
        };
    }
}
