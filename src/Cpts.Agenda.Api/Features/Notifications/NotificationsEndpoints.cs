using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Infrastructure;
using Hangfire;
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
        builder.Services.AddScoped<PlanNotificationsAfterWrite>();
        builder.Services.AddSingleton<PlanningBatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PlanningBatcher>());
        return builder;
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications")
            .RequireAuthorization(p => p.RequireRole(Roles.Coordinator));

        group.MapGet("/", async (Guid? bookingId, Guid? shiftId, Guid? practitionerId, int? limit, string? cursor, IMediator m, CancellationToken ct) =>
                (await m.Send(new ListNotifications.Query(bookingId, shiftId, practitionerId, limit, cursor), ct)).ToOk())
            .Audited("notification.read", "notification-list")
            .WithSummary("Every reminder or notice, by booking, shift or recipient practitioner.");
        return app;
    }
}

/// <summary>
/// Endpoint filter for writes that change what should be notified (a booking or its cancellation, a
/// shift volunteered, assigned, released or swapped, a teleconsultation booked or cancelled):
/// after a 2xx answer, enqueue one planning run so the practitioner hears within seconds rather
/// than at the next minute. Only an enqueue (a row in the hangfire schema): the request never
/// waits for planning or sending, and if the enqueue fails the minute's run still plans it.
/// </summary>
public sealed class PlanNotificationsAfterWrite(PlanningBatcher batcher) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var inner = result is Microsoft.AspNetCore.Http.INestedHttpResult nested ? nested.Result : result;
        // Only the written subject, batched with the others written meanwhile: a full planning run
        // per write would scan the whole agenda on the hot path.
        if (inner is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } && SubjectOf(context.HttpContext, inner) is { } subjectId)
            batcher.Add(subjectId);
        return result;
    }

    /// <summary>
    /// The endpoint's own <see cref="NotificationSubject"/> when it declares one (a swap accept plans
    /// the shift, not the swap request of its route), else the route's id (a cancellation, a shift
    /// assignment), else the id of what was created (a booking, a teleconsultation).
    /// </summary>
    private static Guid? SubjectOf(HttpContext http, object? result)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<NotificationSubject>() is { } declared)
            return (result as IValueHttpResult)?.Value is { } value ? declared.Of(value) : null;
        if (http.Request.RouteValues.TryGetValue("id", out var routeId) && Guid.TryParse(routeId?.ToString(), out var id)) return id;
        return (result as IValueHttpResult)?.Value?.GetType().GetProperty("Id")?.GetValue((result as IValueHttpResult)!.Value) as Guid?;
    }
}

/// <summary>
/// Endpoint metadata for <see cref="PlanNotificationsAfterWrite"/> when the subject to plan is neither
/// the route's id nor the created value's id: read from the answer's value.
/// </summary>
public sealed class NotificationSubject(Func<object, Guid?> of)
{
    public Guid? Of(object value) => of(value);

    public static NotificationSubject From<T>(Func<T, Guid> of) => new(v => v is T t ? of(t) : null);
}
