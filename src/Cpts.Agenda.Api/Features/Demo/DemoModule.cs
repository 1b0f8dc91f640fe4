using Cpts.Agenda.Api.Features.Shifts;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Demo;

/// <summary>
/// The wiring of the demo CPTS: AddDemo registers its options, SeedDemoDataAsync seeds <see cref="DemoData"/> at
/// start-up (after the migrations) when Agenda:DemoData says so. The feature has no routes.
/// </summary>
public static class DemoModule
{
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.Section));
        return builder;
    }

    /// <summary>
    /// Seeds what fits and never stops the service: a slot or shift assignment that would overlap a person's
    /// commitments, busy times or a slot they withdrew is skipped, and a failure is logged, not thrown.
    /// </summary>
    public static async Task SeedDemoDataAsync(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Seeds(app.Environment)) return;
        try
        {
            var seeded = await DemoData.SeedAsync(app.Services.GetRequiredService<NpgsqlDataSource>(), app.Services.GetRequiredService<ShiftTemplates>(),
                app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
            app.Logger.LogInformation(
                "Demo CPTS ready: {Practitioners} practitioners, {Sites} sites, {Slots} new slots for today and tomorrow ({Skipped} skipped: the time is taken or was withdrawn), {Shifts} new MMG shifts.",
                DemoData.PractitionerCount, DemoData.SiteCount, seeded.Slots, seeded.SkippedSlots, seeded.Shifts);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            app.Logger.LogWarning("Demo data not seeded ({Error}); the service starts without it.", e is PostgresException pg ? pg.SqlState : e.GetType().Name);
        }
    }
}
