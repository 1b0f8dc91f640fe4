using Cpts.Agenda.Api.Infrastructure;
using Mediator;

namespace Cpts.Agenda.Api.Features.Notifications;

public static class NotificationsEndpoints
{
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<NotificationOptions>(builder.Configuration.GetSection(NotificationOptions.Section));
        builder.Services.Configure<RetentionOptions>(builder.Configuration.GetSection(RetentionOptions.Section));
        builder.Services.AddSingleton<IEmailSender, SmtpEmailSender>();
        builder.Services.AddHttpClient<ISmsProvider, HttpSmsProvider>(h => h.Timeout = TimeSpan.FromSeconds(20));
        builder.Services.AddScoped<NotificationJobs>();
        builder.Services.AddSingleton<SendPacer>();
        builder.Services.AddSingleton<PlanningBatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PlanningBatcher>());
        return builder;
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
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
