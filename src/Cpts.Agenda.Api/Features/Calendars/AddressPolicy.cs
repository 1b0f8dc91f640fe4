using System.Net;
using System.Net.Sockets;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>Which addresses a calendar may be fetched from: public ones only, unless the setting allows the others.</summary>
public static class AddressPolicy
{
    public static bool IsAllowedScheme(Uri url) => url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps;

    /// <summary>
    /// Loopback, private, link-local, unique-local, carrier-grade NAT, unspecified, multicast and broadcast
    /// addresses, and every IPv6 form that carries such an IPv4 address (see <see cref="EmbeddedIPv4"/>).
    /// </summary>
    public static bool IsNonPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (EmbeddedIPv4(address) is { } embedded && IsNonPublic(embedded)) return true;
        if (IPAddress.IsLoopback(address)) return true;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 or 10 or 127 => true,
                100 => b[1] is >= 64 and <= 127,          // 100.64.0.0/10
                169 => b[1] == 254,                       // link-local
                172 => b[1] is >= 16 and <= 31,           // 172.16.0.0/12
                192 => b[1] == 168 || (b[1] == 0 && b[2] is 0 or 2), // 192.168/16, 192.0.0/24, 192.0.2/24
                198 => b[1] is 18 or 19,                  // benchmarking
                >= 224 => true,                           // multicast, reserved, broadcast
                _ => false,
            };
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any)) return true;
            if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast) return true;
            var b = address.GetAddressBytes();
            if ((b[0] & 0xFE) == 0xFC) return true;       // fc00::/7 unique-local
            if (address.IsIPv6Teredo) return true;        // 2001::/32: the client's IPv4 is obfuscated, refused whole
            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4] == 0x00 && b[5] == 0x01) return true; // 64:ff9b:1::/48 local-use NAT64
            return false;
        }
        return true;
    }

    /// <summary>
    /// The IPv4 address an IPv6 address carries: IPv4-compatible (::a.b.c.d), IPv4-mapped (::ffff:a.b.c.d),
    /// IPv4-translated (::ffff:0:a.b.c.d), NAT64 (64:ff9b::a.b.c.d, RFC 6052) and 6to4 (2002:aabb:ccdd::/48).
    /// A connection to one of them may end at that IPv4 address, so it is judged by it.
    /// </summary>
    public static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return null;
        var b = address.GetAddressBytes();
        var low = new IPAddress(b.AsSpan(12, 4));
        bool Zero(int from, int to) => b.AsSpan(from, to - from).IndexOfAnyExcept((byte)0) < 0;
        if (Zero(0, 10) && ((b[10] == 0xFF && b[11] == 0xFF) || (b[10] == 0 && b[11] == 0))) return low; // mapped, compatible
        if (Zero(0, 8) && b[8] == 0xFF && b[9] == 0xFF && b[10] == 0 && b[11] == 0) return low;         // translated
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && Zero(4, 12)) return low;    // 64:ff9b::/96
        if (b[0] == 0x20 && b[1] == 0x02) return new IPAddress(b.AsSpan(2, 4));                         // 2002::/16
        return null;
    }
}
