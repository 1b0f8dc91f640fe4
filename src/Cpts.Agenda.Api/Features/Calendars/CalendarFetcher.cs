using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>What fetching a calendar URL gave.</summary>
public abstract record FetchResult
{
    public sealed record Fetched(string Text, string? ETag) : FetchResult;
    public sealed record NotModified : FetchResult;
    /// <summary>A refusal or failure, with a message safe to show the practitioner.</summary>
    public sealed record Failed(string Problem) : FetchResult;
}

/// <summary>Fetches a practitioner's calendar URL (the edge tests replace or point at a local server).</summary>
public interface ICalendarFetcher
{
    Task<FetchResult> FetchAsync(Uri url, string? etag, CancellationToken ct);
}

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

/// <summary>
/// HttpClient-based fetcher. The address check happens at connection time, after DNS resolution,
/// on the address actually connected to (redirects included), so a name that resolves to a private
/// address is refused too. 10 s for the whole exchange, 5 MB at most, and the answer must be iCalendar.
/// </summary>
public sealed class HttpCalendarFetcher(HttpClient http, IOptions<CalendarOptions> options, ILogger<HttpCalendarFetcher> logger) : ICalendarFetcher
{
    public const string ClientName = "calendars";

    public static SocketsHttpHandler CreateHandler(IOptions<CalendarOptions> options) => new()
    {
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 3,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(options.Value.FetchTimeoutSeconds),
        ConnectCallback = (context, ct) => ConnectSafelyAsync(context, options.Value.AllowPrivateAddresses, ct),
    };

    private static async ValueTask<Stream> ConnectSafelyAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(a => allowPrivate || !AddressPolicy.IsNonPublic(a)).ToArray();
        if (allowed.Length == 0) throw new RefusedAddressException();

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task<FetchResult> FetchAsync(Uri url, string? etag, CancellationToken ct)
    {
        if (!url.IsAbsoluteUri || !AddressPolicy.IsAllowedScheme(url)) return new FetchResult.Failed("Only http and https calendar URLs are accepted.");
        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.FetchTimeoutSeconds));
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("text/calendar, text/plain;q=0.5, */*;q=0.1");
            if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag)) request.Headers.IfNoneMatch.Add(tag);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            logger.LogDebug("Calendar fetch from {Host}: HTTP {Status}", url.Host, (int)response.StatusCode);
            if (response.RequestMessage?.RequestUri is { } final && !AddressPolicy.IsAllowedScheme(final))
                return new FetchResult.Failed("The calendar URL redirected to a scheme other than http or https.");
            if (response.StatusCode == HttpStatusCode.NotModified) return new FetchResult.NotModified();
            if (!response.IsSuccessStatusCode) return new FetchResult.Failed($"The calendar URL answered HTTP {(int)response.StatusCode}.");
            if (response.Content.Headers.ContentLength > settings.MaxFetchBytes) return TooLarge(settings);
            var media = response.Content.Headers.ContentType?.MediaType;
            if (media is "text/html" or "application/json" or "application/xml" or "text/xml" || media?.StartsWith("image/", StringComparison.Ordinal) == true)
                return new FetchResult.Failed($"The calendar URL answered {media}, not an iCalendar file (text/calendar).");

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, timeout.Token)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > settings.MaxFetchBytes) return TooLarge(settings);
            }
            var text = Decode(buffer.ToArray());
            if (!BusyCalendarParser.LooksLikeCalendar(text)) return new FetchResult.Failed("The calendar URL did not answer an iCalendar file (no BEGIN:VCALENDAR).");
            return new FetchResult.Fetched(text, response.Headers.ETag?.ToString());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new FetchResult.Failed($"The calendar URL did not answer within {settings.FetchTimeoutSeconds} seconds.");
        }
        catch (HttpRequestException e) when (Contains<RefusedAddressException>(e))
        {
            logger.LogInformation("Calendar fetch from {Host} refused: not a public address", url.Host);
            return new FetchResult.Failed("The calendar URL points to a loopback, private or link-local address, which is not allowed.");
        }
        catch (HttpRequestException e)
        {
            logger.LogInformation("Calendar fetch from {Host} failed: {Error}", url.Host, e.HttpRequestError);
            return new FetchResult.Failed("The calendar URL could not be reached.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A server's odd answer (a redirect to file:///…, a malformed header) is the server's problem, not ours:
            // refused like an unreachable URL, logged without the URL's path or a stack trace.
            logger.LogInformation("Calendar fetch from {Host} failed: {Error}", url.Host, e.GetType().Name);
            return new FetchResult.Failed("The calendar URL answered something that is not a calendar (an unusable redirect or a malformed answer).");
        }
    }

    private static FetchResult.Failed TooLarge(CalendarOptions settings) =>
        new FetchResult.Failed($"The calendar is larger than {settings.MaxFetchBytes / (1024 * 1024)} MB.");

    public static string Decode(byte[] bytes) => Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');

    private static bool Contains<T>(Exception e) where T : Exception
    {
        for (Exception? x = e; x is not null; x = x.InnerException) if (x is T) return true;
        return false;
    }

    private sealed class RefusedAddressException() : IOException("The address is not allowed.");
}
