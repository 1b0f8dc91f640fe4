namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>The routes of reminders and notices: method, path, handler, roles, summary.</summary>
public static class NotificationsEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications")
            .RequireAuthorization(p => p.RequireRole(Roles.Coordinator));

        group.MapGet("/", async (Guid? bookingId, Guid? shiftId, Guid? practitionerId,
                    [ValuesFrom(typeof(ListNotifications), nameof(ListNotifications.Statuses))] string? status, string? kind,
                    int? limit, string? cursor, IMediator m, CancellationToken ct) =>
                (await m.Send(new ListNotifications.Query(bookingId, shiftId, practitionerId, limit, cursor, status, kind), ct)).ToOk())
            .WithSummary("Every reminder or notice, by booking, shift, recipient practitioner, status or kind (a kind or its beginning).");
        return app;
    }
}
