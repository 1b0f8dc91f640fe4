namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>
/// The wiring of the reminders and notices: AddNotifications registers its services, options and recurring jobs
/// (NotificationRecurringJobs), MapNotifications its routes (listed in NotificationsEndpoints). Its Mediator handlers are registered by the source generator.
/// </summary>
public static class NotificationsModule
{
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<NotificationOptions>(builder.Configuration.GetSection(NotificationOptions.Section));
        builder.Services.Configure<RetentionOptions>(builder.Configuration.GetSection(RetentionOptions.Section));
        builder.Services.AddSingleton<IEmailSender, SmtpEmailSender>();
        builder.Services.AddHttpClient<ISmsProvider, HttpSmsProvider>(h => h.Timeout = TimeSpan.FromSeconds(20));
        builder.Services.AddScoped<NotificationJobs>();
        builder.Services.AddRecurringJobs<NotificationRecurringJobs>();
        builder.Services.AddSingleton<SendPacer>();
        builder.Services.AddSingleton<PlanningBatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PlanningBatcher>());
        return builder;
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app) => NotificationsEndpoints.Map(app);
}
