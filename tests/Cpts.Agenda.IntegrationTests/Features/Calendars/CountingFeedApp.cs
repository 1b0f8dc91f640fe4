using Cpts.Agenda.Api.Features.Calendars;

namespace Cpts.Agenda.IntegrationTests.Features.Calendars;

public sealed class CountingFeedApp : AgendaApp
{
    public CountingFeedSource Counter { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IFeedSource>(Counter);
}
