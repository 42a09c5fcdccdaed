using System.Net;
using System.Net.Sockets;

namespace AiStudio.Net;

/// <summary>
/// Decides which addresses a server-side fetch may connect to: only publicly routable unicast ones. Private,
/// loopback, link-local (cloud metadata), carrier-grade NAT, multicast, reserved and documentation ranges are
/// refused, including their IPv6 equivalents and IPv4 addresses embedded in IPv6 (mapped, NAT64, 6to4).
/// </summary>
public static class NetworkAddressPolicy
{
    private static readonly (uint Network, int PrefixLength)[] RefusedIPv4 =
    [
        (0x00000000, 8),   // 0.0.0.0/8 "this network", incl. unspecified
        (0x0A000000, 8),   // 10.0.0.0/8 private
        (0x64400000, 10),  // 100.64.0.0/10 carrier-grade NAT
        (0x7F000000, 8),   // 127.0.0.0/8 loopback
        (0xA9FE0000, 16),  // 169.254.0.0/16 link-local, incl. 169.254.169.254 metadata
        (0xAC100000, 12),  // 172.16.0.0/12 private
        (0xC0000000, 24),  // 192.0.0.0/24 IETF protocol assignments
        (0xC0000200, 24),  // 192.0.2.0/24 documentation
        (0xC0586300, 24),  // 192.88.99.0/24 6to4 relay anycast
        (0xC0A80000, 16),  // 192.168.0.0/16 private
        (0xC6120000, 15),  // 198.18.0.0/15 benchmarking
        (0xC6336400, 24),  // 198.51.100.0/24 documentation
        (0xCB007100, 24),  // 203.0.113.0/24 documentation
        (0xE0000000, 4),   // 224.0.0.0/4 multicast
        (0xF0000000, 4),   // 240.0.0.0/4 reserved, incl. 255.255.255.255 broadcast
    ];

    /// <summary>True when a fetch may connect to <paramref name="address"/>.</summary>
    public static bool IsPubliclyRoutable(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicIPv4(address),
            AddressFamily.InterNetworkV6 => IsPublicIPv6(address),
            _ => false,
        };
    }

    private static bool IsPublicIPv4(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        var value = (uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3];
        foreach (var (network, prefixLength) in RefusedIPv4)
        {
            var mask = uint.MaxValue << (32 - prefixLength);
            if ((value & mask) == network)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPublicIPv6(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);

        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublicIPv4(address.MapToIPv4());
        }

        // ::/96 holds the unspecified address, loopback and the deprecated IPv4-compatible form.
        if (bytes[..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return false;
        }

        // 64:ff9b::/96 (NAT64) and 2002::/16 (6to4) carry an IPv4 address that decides where traffic ends up.
        if (bytes[..12].SequenceEqual(Nat64Prefix))
        {
            return IsPublicIPv4(new IPAddress(bytes[12..]));
        }

        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return IsPublicIPv4(new IPAddress(bytes[2..6]));
        }

        return !(
            (bytes[0] & 0xFE) == 0xFC                                               // fc00::/7 unique local
            || (bytes[0] == 0xFE && (bytes[1] & 0xC0) == 0x80)                      // fe80::/10 link-local
            || (bytes[0] == 0xFE && (bytes[1] & 0xC0) == 0xC0)                      // fec0::/10 site-local (deprecated)
            || bytes[0] == 0xFF                                                     // ff00::/8 multicast
            || (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0D && bytes[3] == 0xB8) // 2001:db8::/32 documentation
            || (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x00 && bytes[3] == 0x00) // 2001::/32 Teredo tunnels
            || (bytes[..8].SequenceEqual(DiscardPrefix)));                          // 100::/64 discard
    }

    private static ReadOnlySpan<byte> Nat64Prefix => [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0];

    private static ReadOnlySpan<byte> DiscardPrefix => [0x01, 0x00, 0, 0, 0, 0, 0, 0];
}
