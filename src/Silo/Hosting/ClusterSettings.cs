using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace AiStudio.Hosting;

/// <summary>The configuration a silo needs to join the cluster, read and validated once at start-up.</summary>
internal sealed record ClusterSettings(
    string ConnectionString,
    string ClusterId,
    string ServiceId,
    IPAddress AdvertisedAddress,
    bool ListenOnAnyAddress,
    int SiloPort,
    int GatewayPort,
    bool FastFailureDetection,
    TimeSpan? MinimumReminderPeriod)
{
    public const string ConnectionStringName = "AiStudio";
    public const string DefaultClusterId = "aistudio";
    public const string DefaultServiceId = "aistudio";
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    public static ClusterSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set (environment variable ConnectionStrings__{ConnectionStringName}).");
        }

        // An explicit advertised address means a container or a multi-host network: listen on every interface there.
        var advertised = configuration["Silo:AdvertisedIP"];
        var hasAdvertised = !string.IsNullOrWhiteSpace(advertised);

        return new ClusterSettings(
            connectionString,
            ValueOrDefault(configuration["Cluster:ClusterId"], DefaultClusterId),
            ValueOrDefault(configuration["Cluster:ServiceId"], DefaultServiceId),
            hasAdvertised ? ResolveAddress(advertised!) : IPAddress.Loopback,
            ListenOnAnyAddress: hasAdvertised,
            ReadPort(configuration, "Silo:Port", DefaultSiloPort),
            ReadPort(configuration, "Silo:GatewayPort", DefaultGatewayPort),
            configuration.GetValue("Cluster:FastFailureDetection", defaultValue: false),
            ReadMinimumReminderPeriod(configuration));
    }

    private static string ValueOrDefault(string? value, string fallback) =>
        string.IsNullOrWhiteSpace(value) ? fallback : value;

    private static int ReadPort(IConfiguration configuration, string key, int fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"{key} must be a TCP port between 1 and 65535, not '{text}'.");
        }

        return port;
    }

    // Orleans refuses periods under a minute by default; drills lower it so resumption takes seconds, never below one.
    private static TimeSpan? ReadMinimumReminderPeriod(IConfiguration configuration)
    {
        var period = configuration.GetValue<TimeSpan?>("Reminders:MinimumPeriod");
        if (period is { } value && value < TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException($"Reminders:MinimumPeriod must be at least one second, not '{value}'.");
        }

        return period;
    }

    // Accepts an IP or a host name (a compose service name resolves to the container's own address).
    private static IPAddress ResolveAddress(string value)
    {
        if (IPAddress.TryParse(value, out var address))
        {
            return address;
        }

        var addresses = Dns.GetHostAddresses(value);
        return addresses.FirstOrDefault(candidate => candidate.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"Silo:AdvertisedIP '{value}' does not resolve to an address.");
    }
}
