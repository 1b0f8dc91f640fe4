using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Calendars;

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
