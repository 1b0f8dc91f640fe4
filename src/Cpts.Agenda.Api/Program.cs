using Cpts.Agenda.Api.Features.Availability;
using Cpts.Agenda.Api.Features.Bookings;
using Cpts.Agenda.Api.Features.Calendars;
using Cpts.Agenda.Api.Features.Demo;
using Cpts.Agenda.Api.Features.Directory;
using Cpts.Agenda.Api.Features.Slots;
using Cpts.Agenda.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddAgendaPlatform();
builder.AddAgendaErrors();
builder.AddAgendaDatabase();
builder.AddAgendaAuth();
builder.AddAgendaFeatures();
builder.AddCalendars();

var app = builder.Build();
app.UseAgendaErrors();
app.UseAuthentication();
app.UseAuthorization();
app.MapAgendaPlatform();
app.MapDevTokens();
app.MapDirectory();
app.MapSlots();
app.MapAvailability();
app.MapBookings();
app.MapCalendars();

await app.MigrateAgendaDatabaseAsync();
await app.SeedDemoDataAsync();
app.PrintStartupHelp();
await app.RunAsync();

public partial class Program;
