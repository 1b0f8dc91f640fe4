// Firely models are nullable throughout; the assertions below check presence themselves.
#nullable disable
using System.Text.Json;
using Cpts.Agenda.Api.Features.Fhir;
using Hl7.Fhir.Model;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace Cpts.Agenda.IntegrationTests.Features.Fhir;

public sealed class SasAppointmentEventsTests(SasApp app) : IClassFixture<SasApp>
{
    private Task<SendPendingSasEvents.Report> SendPendingAsync() => app.RunAsync(new SendPendingSasEvents.Command());

    private async Task<(Guid BookingId, Guid PractitionerId, string Rpps)> SasBookingAsync(int hoursAhead)
    {
        var (gp, _, bookingId) = await app.BookedSlotAsync(hoursAhead);
        return (bookingId, gp.Id, gp.Rpps);
    }

    [Fact]
    public async Task A_SAS_booking_is_sent_once_then_its_cancellation_once()
    {
        var (bookingId, _, rpps) = await SasBookingAsync(2);

        await SendPendingAsync();
        await SendPendingAsync(); // a second round finds nothing more to send
        var created = Assert.Single(app.SentFor(bookingId));
        Assert.Equal(HttpMethod.Post, created.Method);
        Assert.Equal("Appointment", created.RelativeUrl);
        var appointment = Fhir.Parse<Appointment>(FhirHttp.Serialize(created.Appointment)); // what goes on the wire
        Assert.Equal(Appointment.AppointmentStatus.Booked, appointment.Status);
        Assert.Contains(SendPendingSasEvents.FrAppointmentSasProfile, appointment.Meta.Profile);
        Assert.Equal(bookingId.ToString(), appointment.Identifier.Single().Value);
        var practitioner = Assert.Single(appointment.Participant);
        Assert.Equal(ParticipationStatus.Accepted, practitioner.Status);
        Assert.Equal("urn:oid:1.2.250.1.71.4.2.1", practitioner.Actor.Identifier.System);
        Assert.Equal("8" + rpps, practitioner.Actor.Identifier.Value);
        Assert.Equal("IDNPS", practitioner.Actor.Identifier.Type.Coding.Single().Code);
        var operatorRef = (ResourceReference)appointment.GetExtension(SendPendingSasEvents.OperatorExtension).Value;
        Assert.Equal("INTRN", operatorRef.Identifier.Type.Coding.Single().Code);
        Assert.Equal(SendPendingSasEvents.SasTechnicalIdSystem, operatorRef.Identifier.System);
        Assert.Equal("dev-regulator", operatorRef.Identifier.Value); // the Development token's subject
        // created (must-support in FrAppointmentSAS): when the regulator booked, in Paris offset.
        var bookedAt = await app.ScalarAsync<DateTime>("SELECT created_at FROM bookings WHERE id = @bookingId", new { bookingId });
        var createdAt = DateTimeOffset.Parse(appointment.Created, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new DateTimeOffset(DateTime.SpecifyKind(bookedAt, DateTimeKind.Utc)), createdAt);
        Assert.Equal(Paris.ToLocal(createdAt).Offset, createdAt.Offset);
        var json = FhirHttp.Serialize(created.Appointment);
        Assert.DoesNotContain("Paulette", json); // no patient data leaves for the SAS
        Assert.DoesNotContain("Patiente", json);

        await (await app.Regulator().PostJsonAsync($"/api/bookings/{bookingId}/cancel", new { })).ShouldBe(HttpStatusCode.OK);
        await SendPendingAsync();
        await SendPendingAsync();
        var messages = app.SentFor(bookingId);
        Assert.Equal(2, messages.Count);
        var cancelled = messages[1];
        Assert.Equal(HttpMethod.Put, cancelled.Method);
        Assert.StartsWith("Appointment?identifier=", cancelled.RelativeUrl);
        Assert.EndsWith(Uri.EscapeDataString("|" + bookingId), cancelled.RelativeUrl);
        Assert.Equal(Appointment.AppointmentStatus.Cancelled, cancelled.Appointment.Status);
        Assert.Equal(2L, await app.ScalarAsync<long>("SELECT count(*) FROM sas_appointment_events WHERE booking_id = @bookingId AND status = 'sent'", new { bookingId }));
    }

    [Fact]
    public async Task The_operator_is_the_SAS_id_the_regulators_token_carries_in_the_guides_form()
    {
        var gp = await app.NewPractitionerAsync();
        var start = app.NextHour(9);
        // A national id as the guide's ExampleAppointmentBooked writes it, then an SAS technical account id.
        var national = await app.BookAsync(app.As(Roles.Regulator, subject: "3456780581/11242343"),
            await app.PublishSlotAsync(gp.Id, start, mode: "teleconsultation"));
        var technical = await app.BookAsync(app.As(Roles.Regulator, subject: "sas-regul-000123"),
            await app.PublishSlotAsync(gp.Id, start.AddMinutes(30), mode: "teleconsultation"));
        await SendPendingAsync();

        Identifier OperatorOf(JsonElement booking) =>
            ((ResourceReference)Assert.Single(app.SentFor(booking.GetProperty("id").GetGuid())).Appointment.GetExtension(SendPendingSasEvents.OperatorExtension).Value).Identifier;
        var idnps = OperatorOf(national);
        Assert.Equal(("urn:oid:1.2.250.1.71.4.2.1", "3456780581/11242343"), (idnps.System, idnps.Value));
        Assert.Equal(("http://interopsante.org/fhir/CodeSystem/fr-v2-0203", "IDNPS"), (idnps.Type.Coding.Single().System, idnps.Type.Coding.Single().Code));
        var intrn = OperatorOf(technical);
        Assert.Equal((SendPendingSasEvents.SasTechnicalIdSystem, "sas-regul-000123"), (intrn.System, intrn.Value));
        Assert.Equal("INTRN", intrn.Type.Coding.Single().Code);
    }

    [Fact]
    public async Task Parallel_senders_still_send_each_event_once()
    {
        var (bookingId, _, _) = await SasBookingAsync(3);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SendPendingAsync()));
        Assert.Single(app.SentFor(bookingId));
    }

    [Fact]
    public async Task A_failing_endpoint_is_retried_later_until_it_answers()
    {
        var gp = await app.NewPractitionerAsync();
        var slot = await app.PublishSlotAsync(gp.Id, app.NextHour(4), mode: "teleconsultation");
        // The endpoint fails for this practitioner's bookings once, then answers.
        var calls = 0;
        app.Sender.SendAsync(Arg.Is<SasAppointmentMessage>(m => m.Appointment.Participant[0].Actor.Identifier.Value == "8" + gp.Rpps), Arg.Any<CancellationToken>())
            .Returns(_ => ++calls == 1 ? Task.FromException(new HttpRequestException("down", null, HttpStatusCode.ServiceUnavailable)) : Task.CompletedTask);
        var bookingId = (await app.BookAsync(app.Regulator(), slot)).GetProperty("id").GetGuid();

        var first = await SendPendingAsync();
        Assert.True(first.Retrying >= 1);
        Assert.Equal("queued", await app.ScalarAsync<string>("SELECT status FROM sas_appointment_events WHERE booking_id = @bookingId", new { bookingId }));
        Assert.Equal("HTTP 503", await app.ScalarAsync<string>("SELECT last_error FROM sas_appointment_events WHERE booking_id = @bookingId", new { bookingId }));

        await SendPendingAsync(); // not due yet: nothing sent
        Assert.Single(app.SentFor(bookingId));

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await SendPendingAsync();
        Assert.Equal(2, app.SentFor(bookingId).Count);
        Assert.Equal("sent", await app.ScalarAsync<string>("SELECT status FROM sas_appointment_events WHERE booking_id = @bookingId", new { bookingId }));
        Assert.Equal(2, await app.ScalarAsync<int>("SELECT attempts FROM sas_appointment_events WHERE booking_id = @bookingId", new { bookingId }));
    }

    [Fact]
    public async Task An_endpoint_that_keeps_failing_is_given_up_after_the_configured_attempts()
    {
        var gp = await app.NewPractitionerAsync();
        var slot = await app.PublishSlotAsync(gp.Id, app.NextHour(5), mode: "teleconsultation");
        app.Sender.SendAsync(Arg.Is<SasAppointmentMessage>(m => m.Appointment.Participant[0].Actor.Identifier.Value == "8" + gp.Rpps), Arg.Any<CancellationToken>())
            .ThrowsAsync(new HttpRequestException("down"));
        var bookingId = (await app.BookAsync(app.Regulator(), slot)).GetProperty("id").GetGuid();
        for (var i = 0; i < 4; i++)
        {
            await SendPendingAsync();
            app.Clock.Advance(TimeSpan.FromHours(1));
        }
        Assert.Equal(3, app.SentFor(bookingId).Count); // Sas:MaxAttempts = 3
        Assert.Equal("failed", await app.ScalarAsync<string>("SELECT status FROM sas_appointment_events WHERE booking_id = @bookingId", new { bookingId }));
    }

    [Fact]
    public async Task Attended_and_no_show_are_reported_and_other_channels_are_not()
    {
        var start = app.NextHour(6);
        var (gp, slots) = await app.PublishTeleconsultationsAsync(start, start.AddMinutes(30), start.AddMinutes(60));
        var attended = (await app.BookAsync(app.Regulator(), slots[0])).Id();
        var missed = (await app.BookAsync(app.Regulator(), slots[1])).Id();
        var byNurse = (await app.BookAsync(app.Coordinator(), slots[2], channel: "nurse")).Id();

        app.Clock.Advance(start.AddHours(2) - app.Clock.GetUtcNow());
        await (await app.Practitioner(gp.Id).PostJsonAsync($"/api/bookings/{attended}/outcome", new { status = "attended" })).ShouldBe(HttpStatusCode.OK);
        await (await app.Practitioner(gp.Id).PostJsonAsync($"/api/bookings/{missed}/outcome", new { status = "no-show" })).ShouldBe(HttpStatusCode.OK);
        await SendPendingAsync();

        Assert.Equal([Appointment.AppointmentStatus.Booked, Appointment.AppointmentStatus.Fulfilled], app.SentFor(attended).Select(m => m.Appointment.Status));
        Assert.Equal([Appointment.AppointmentStatus.Booked, Appointment.AppointmentStatus.Noshow], app.SentFor(missed).Select(m => m.Appointment.Status));
        Assert.Empty(app.SentFor(byNurse));
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM sas_appointment_events WHERE booking_id = @byNurse", new { byNurse }));
    }
}
