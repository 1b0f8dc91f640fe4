using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Features.Availability;
using Cpts.Agenda.Api.Features.Bookings;
using Cpts.Agenda.Api.Features.Demo;
using Cpts.Agenda.Api.Features.Directory;
using Cpts.Agenda.Api.Features.Fhir;
using Cpts.Agenda.Api.Features.Reports;
using Cpts.Agenda.Api.Features.Shifts;
using Cpts.Agenda.Api.Features.Slots;
using Cpts.Agenda.Api.Features.Telemedicine;
using Cpts.Agenda.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddAgendaPlatform();
builder.AddAgendaErrors();
builder.AddAgendaDatabase();
builder.AddAgendaAuth();
builder.AddAgendaRateLimits();
builder.AddAgendaFeatures();
builder.AddShifts();
builder.AddFhir();

var app = builder.Build();
app.UseAgendaErrors();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapAgendaPlatform();
app.MapDevTokens();
app.MapDirectory();
app.MapSlots();
app.MapAvailability();
app.MapBookings();
app.MapAudit();
app.MapReports();
app.MapShifts();
app.MapFhir();
app.MapTelemedicine();

await app.MigrateAgendaDatabaseAsync();
await app.SeedDemoDataAsync();
app.PrintStartupHelp();
await app.RunAsync();

public partial class Program;
