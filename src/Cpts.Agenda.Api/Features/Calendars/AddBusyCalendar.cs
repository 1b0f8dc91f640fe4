using System.Security.Cryptography;
using System.Text;
using Cpts.Agenda.Api.Features.Audit;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// POST /api/practitioners/{id}/busy-calendars: a practitioner or nurse for their own agenda, or the
/// coordinator, adds a calendar URL (fetched now, then every 15 minutes) or an uploaded .ics (imported once).
/// The file is read in full before anything is written: a malformed one imports nothing. The same calendar
/// sent again (the same URL, or a file of the same content, kept as the file calendar's etag) is imported
/// again into the calendar already there.
/// Side effects: audit busy-calendar.add; an outbound HTTP GET of a URL calendar; writes busy_calendars and
/// busy_times, withdraws the free slots a busy time overlaps and records practitioner_notices (sent by the
/// minute's notification run); triggers: slots_hold_commitment (a withdrawn slot's commitments row is deleted).
/// </summary>
public static class AddBusyCalendar
{
    public const int MaxUrlLength = 2000;

    public sealed record Command(Caller Caller, Guid PractitionerId, string? Url, string? FileText) : IRequest<Result<BusyCalendarDto>>, IAudited<BusyCalendarDto>
    {
        public AuditAs Audited => new("busy-calendar.add", "busy-calendar", StatusCodes.Status201Created);
        public string? AuditedObject(BusyCalendarDto? done) => done?.Id.ToString() ?? PractitionerId.ToString();
        /// <summary>The same calendar sent again is imported again and answered 200.</summary>
        public int DoneStatus(BusyCalendarDto done) => done.AlreadyThere ? StatusCodes.Status200OK : StatusCodes.Status201Created;
    }

    /// <summary>
    /// POST …/busy-calendars: the command from the request's body (400 when it is none of the three), then
    /// the import, answered 201 with the new calendar's location, or 200 when the same calendar was sent
    /// again (<see cref="Command.DoneStatus"/>).
    /// </summary>
    public static async Task<IResult> ReadAndRunAsync(Caller caller, Guid practitionerId, HttpRequest request, IMediator m, CancellationToken ct)
    {
        var read = await ReadAsync(caller, practitionerId, request, ct);
        if (read.Error is { } invalid) return ResultHttp.ValidationOf(invalid);
        var command = read.Value!;
        var added = await m.Send(command, ct);
        return added.Value is { } done && command.DoneStatus(done) == StatusCodes.Status200OK
            ? added.ToOk()
            : added.ToCreated(c => $"/api/practitioners/{practitionerId}/busy-calendars/{c.Id}");
    }

    /// <summary>
    /// The command from the request's body: {url} as JSON, a multipart form with an .ics file (field
    /// 'file', else the first file), or a text/calendar (or text/plain) body; anything else is invalid.
    /// </summary>
    public static async Task<Result<Command>> ReadAsync(Caller caller, Guid practitionerId, HttpRequest request, CancellationToken ct)
    {
        if (request.HasJsonContentType())
        {
            var body = await request.ReadFromJsonAsync<AddBusyCalendarBody>(ct);
            return new Command(caller, practitionerId, body?.Url, null);
        }
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
            if (file is null) return Error.Invalid("file", "The form holds no .ics file (field 'file').");
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            return new Command(caller, practitionerId, null, await reader.ReadToEndAsync(ct));
        }
        if (request.ContentType is { } type && MediaTypeHeaderValue.TryParse(type, out var media) &&
            (media.MediaType.Equals("text/calendar", StringComparison.OrdinalIgnoreCase) || media.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase)))
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            return new Command(caller, practitionerId, null, await reader.ReadToEndAsync(ct));
        }
        return Error.Invalid("body", "Send {\"url\": …} as JSON, an .ics file as multipart/form-data (field 'file'), or a text/calendar body.");
    }

    private const string Insert = """
        INSERT INTO busy_calendars (id, practitioner_id, kind, url, etag, created_by, created_at, imported_at, fetched_at, next_fetch_at)
        VALUES (@Id, @PractitionerId, @Kind, @Url, @ETag, @CreatedBy, @Now, @Now, @Now, @NextFetchAt)
        """;

    private const string SameCalendar = """
        SELECT id, created_at FROM busy_calendars
        WHERE practitioner_id = @PractitionerId
          AND ((kind = 'url' AND url = @Url) OR (kind = 'file' AND etag = @Hash))
        """;

    private const string Reimport = """
        UPDATE busy_calendars SET etag = @ETag, imported_at = @Now, fetched_at = @Now, next_fetch_at = @NextFetchAt, last_error = NULL
        WHERE id = @Id
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock, ICalendarFetcher fetcher,
        IOptions<AgendaOptions> agenda, IOptions<CalendarOptions> options) : IRequestHandler<Command, Result<BusyCalendarDto>>
    {
        public async ValueTask<Result<BusyCalendarDto>> Handle(Command command, CancellationToken ct)
        {
            Uri? url = null;
            if (command.FileText is null)
            {
                var v = new Validation().Required(command.Url, "url", MaxUrlLength);
                if (!v.Failed && (!Uri.TryCreate(command.Url, UriKind.Absolute, out url) || !AddressPolicy.IsAllowedScheme(url)))
                    v.Add("url", "url must be an absolute http or https URL.");
                if (v.Failed) return v.ToError();
            }
            var caller = command.Caller;
            if (!caller.IsCoordinator && !caller.Owns(command.PractitionerId))
                return Error.Forbidden("A practitioner adds busy calendars to their own agenda only.");

            await using var c = await db.OpenConnectionAsync(ct);
            if (!await c.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "SELECT EXISTS (SELECT 1 FROM practitioners WHERE id = @PractitionerId)", new { command.PractitionerId }, cancellationToken: ct)))
                return Error.NotFound($"Practitioner {command.PractitionerId}");

            string text;
            string? etag = null;
            if (url is not null)
            {
                switch (await fetcher.FetchAsync(url, null, ct))
                {
                    case FetchResult.Fetched f:
                        (text, etag) = (f.Text, f.ETag);
                        break;
                    case FetchResult.Failed failed:
                        return Error.Rule(failed.Problem);
                    default:
                        return Error.Rule("The calendar URL answered 304 Not Modified to a first request.");
                }
            }
            else text = command.FileText!;

            var now = clock.GetUtcNow();
            var parsed = BusyCalendarParser.Parse(text, now, BusyHorizon.End(now, agenda.Value));
            if (!parsed.IsSuccess) return Error.Rule(parsed.Problem!);

            var nextFetch = url is null ? (DateTimeOffset?)null : now.AddMinutes(options.Value.RefreshMinutes);
            etag = url is null ? Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))) : etag;
            await using var tx = await c.BeginTransactionAsync(ct);
            // One import at a time per practitioner: the same calendar sent twice at once is still one calendar.
            await c.ExecuteAsync(new CommandDefinition("SELECT 1 FROM practitioners WHERE id = @PractitionerId FOR UPDATE",
                new { command.PractitionerId }, tx, cancellationToken: ct));
            var existing = await c.QuerySingleOrDefaultAsync<(Guid Id, DateTime CreatedAt)?>(new CommandDefinition(SameCalendar, new
            {
                command.PractitionerId, Url = url?.ToString(), Hash = url is null ? etag : null,
            }, tx, cancellationToken: ct));
            var id = existing?.Id ?? Guid.CreateVersion7();
            await c.ExecuteAsync(new CommandDefinition(existing is null ? Insert : Reimport, new
            {
                Id = id, command.PractitionerId, Kind = url is null ? "file" : "url", Url = url?.ToString(), ETag = etag,
                CreatedBy = caller.Subject, Now = now, NextFetchAt = nextFetch,
            }, tx, cancellationToken: ct));
            var summary = await BusyTimesImporter.ReplaceAsync(c, tx, id, command.PractitionerId, parsed.Intervals!, now, ct);
            await tx.CommitAsync(ct);

            return new BusyCalendarDto
            {
                Id = id, PractitionerId = command.PractitionerId, Kind = url is null ? "file" : "url", Url = url?.ToString(),
                CreatedAt = existing is { } e ? new DateTimeOffset(DateTime.SpecifyKind(e.CreatedAt, DateTimeKind.Utc)) : now, ImportedAt = now, FetchedAt = now, NextFetchAt = nextFetch,
                BusyTimes = summary.BusyTimes, WithdrawnSlots = summary.WithdrawnSlots, ClashingBookedSlots = summary.ClashingBookedSlots,
                AlreadyThere = existing is not null,
            };
        }
    }
}
