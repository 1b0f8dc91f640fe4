using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Features.Notifications;
using Cpts.Agenda.Api.Infrastructure;

namespace Cpts.Agenda.Api.Features.Bookings.Pages;

/// <summary>
/// What follows a booking written from a page, as it follows one written through the API (its
/// endpoint filters): the audit row and the notification planning of that booking.
/// </summary>
public static class BookingWrites
{
    public static async Task AfterAsync(HttpContext http, string action, Guid bookingId, int status)
    {
        await AuditedEndpoint.RecordAsync(http, action, "booking", bookingId.ToString(), status);
        http.RequestServices.GetRequiredService<PlanningBatcher>().Add(bookingId);
    }

    public static Task RefusedAsync(HttpContext http, string action, Guid bookingId, Error error) =>
        error.Kind == ErrorKind.Forbidden
            ? AuditedEndpoint.RecordAsync(http, action, "booking", bookingId.ToString(), error.Status, "refused")
            : Task.CompletedTask;
}
