using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>
/// The wiring of the iCalendar feeds and busy calendars: AddCalendars registers its services, options and recurring job, MapCalendars its routes (listed in
/// CalendarsEndpoints). Its Mediator handlers are registered by the source generator.
/// </summary>
public static class CalendarsModule
{
    /// <summary>
    /// Services of the calendars feature. Feed sources are registered here: a new kind of item in
    /// feeds is one more AddSingleton&lt;IFeedSource, …&gt;(). URL calendars are refreshed by the
    /// recurring job <see cref="CalendarRecurringJobs.RefreshBusyId"/>, declared here.
    /// </summary>
    public static WebApplicationBuilder AddCalendars(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CalendarOptions>().Bind(builder.Configuration.GetSection("Agenda:Calendars")).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<CalendarOptions>, CalendarOptions.Validator>();
        builder.Services.AddSingleton<FeedBodyCache>();
        builder.Services.AddSingleton<FeedScopeCache>();
        builder.Services.AddSingleton<IFeedSource, SlotsFeedSource>();
        builder.Services.AddSingleton<IFeedSource, ShiftsFeedSource>();
        builder.Services.AddSingleton<IFeedSource, TeleconsultationsFeedSource>();
        builder.Services.AddSingleton<IFeedSource, ReservationsFeedSource>();
        builder.Services.AddScoped<CalendarJobs>();
        builder.Services.AddRecurringJobs<CalendarRecurringJobs>();
        builder.Services.AddHttpClient<ICalendarFetcher, HttpCalendarFetcher>(HttpCalendarFetcher.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => HttpCalendarFetcher.CreateHandler(sp.GetRequiredService<IOptions<CalendarOptions>>()))
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan) // the fetcher applies its own limit to the whole exchange
            .RemoveAllLoggers(); // the factory's loggers write the URL (the owner's secret) and stack traces of refused addresses
        return builder;
    }

    public static IEndpointRouteBuilder MapCalendars(this IEndpointRouteBuilder app) => CalendarsEndpoints.Map(app);
}
