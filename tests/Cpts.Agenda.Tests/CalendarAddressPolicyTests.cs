using System.Net;
using Cpts.Agenda.Api.Features.Calendars;

namespace Cpts.Agenda.Tests;

public sealed class CalendarAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.10.0.1")]
    [InlineData("::1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.10")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("224.0.0.1")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::")]
    public void Loopback_private_link_local_and_unique_local_addresses_are_not_public(string address) =>
        Assert.True(AddressPolicy.IsNonPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::127.0.0.1")]                // IPv4-compatible
    [InlineData("::10.0.0.1")]
    [InlineData("::169.254.169.254")]
    [InlineData("::ffff:0:127.0.0.1")]         // IPv4-translated
    [InlineData("::ffff:192.168.0.1")]         // IPv4-mapped
    [InlineData("64:ff9b::7f00:1")]            // NAT64 of 127.0.0.1
    [InlineData("64:ff9b::10.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]         // NAT64 of the cloud metadata address
    [InlineData("64:ff9b:1::8.8.8.8")]         // local-use NAT64: refused whole
    [InlineData("64:ff9b:1:7f00:1::")]
    [InlineData("2002:7f00:1::1")]             // 6to4 of 127.0.0.1
    [InlineData("2002:c0a8:101::1")]           // 6to4 of 192.168.1.1
    [InlineData("2002:a9fe:a9fe::")]           // 6to4 of 169.254.169.254
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")] // Teredo: refused whole
    public void IPv6_forms_carrying_a_refused_IPv4_address_are_not_public(string address) =>
        Assert.True(AddressPolicy.IsNonPublic(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("64:ff9b::8.8.8.8")]
    [InlineData("2002:808:808::1")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("193.51.24.1")]
    [InlineData("2a00:1450:4007:80c::200e")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.False(AddressPolicy.IsNonPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://calendar.google.com/calendar/ical/x/basic.ics", true)]
    [InlineData("http://example.org/cal.ics", true)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("ftp://example.org/cal.ics", false)]
    [InlineData("webcal://example.org/cal.ics", false)]
    public void Only_http_and_https_are_fetched(string url, bool allowed) =>
        Assert.Equal(allowed, AddressPolicy.IsAllowedScheme(new Uri(url)));
}
