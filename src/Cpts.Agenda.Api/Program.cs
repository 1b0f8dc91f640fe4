using Cpts.Agenda.Api.Features.Audit;
using Cpts.Agenda.Api.Features.Availability;
using Cpts.Agenda.Api.Features.Bookings;
using Cpts.Agenda.Api.Features.Calendars;
using Cpts.Agenda.Api.Features.Demo;
using Cpts.Agenda.Api.Features.Directory;
using Cpts.Agenda.Api.Features.Fhir;
using Cpts.Agenda.Api.Features.Members;
using Cpts.Agenda.Api.Features.Notifications;
using Cpts.Agenda.Api.Features.Reports;
using Cpts.Agenda.Api.Features.Shifts;
using Cpts.Agenda.Api.Features.SignIn;
using Cpts.Agenda.Api.Features.Slots;
using Cpts.Agenda.Api.Features.Telemedicine;
using Cpts.Agenda.Api.Web;

var builder = WebApplication.CreateBuilder(args);
// The platform every feature relies on (Infrastructure/), then one module per feature (Features/<F>/<F>Module.cs).
builder.AddAgendaPlatform();
builder.AddAgendaHardening();
builder.AddAgendaLogSafety();
builder.AddAgendaErrors();
builder.AddAgendaDatabase();
builder.AddAgendaAuth();
builder.AddSignIn();
builder.AddWebPages();
builder.AddAgendaRateLimits();
builder.AddAudit();
builder.AddShifts();
builder.AddFhir();
builder.AddAgendaJobs();
builder.AddNotifications();
builder.AddCalendars();
builder.AddDemo();

var app = builder.Build();
app.UseAgendaHardening();
app.UseAgendaErrors();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseRateLimiter();
// Routes in this order: the OpenAPI document lists them so.
app.MapAgendaPlatform();
app.MapDevTokens();
app.MapDirectory();
app.MapMembers();
app.MapSlots();
app.MapAvailability();
app.MapBookings();
app.MapAudit();
app.MapReports();
app.MapShifts();
app.MapFhir();
app.MapTelemedicine();
app.MapNotifications();
app.MapJobsDashboard();
app.MapCalendars();
app.MapSignIn();
app.MapWebPages();

app.ValidateAgendaOptions();
await app.MigrateAgendaDatabaseAsync();
await app.SeedDemoDataAsync();
app.PrintStartupHelp();
await app.RunAsync();

public partial class Program;
