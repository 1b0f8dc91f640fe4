using System.Net.Http.Json;

namespace Cpts.Agenda.IntegrationTests.Features.Bookings;

public sealed class BookSlotTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private async Task<Guid> FreeSlot(int hoursAhead = 2, string visibility = "sas")
    {
        var gp = await app.NewPractitionerAsync();
        return await app.PublishSlotAsync(gp.Id, app.NextHour(hoursAhead), mode: "teleconsultation", visibility: visibility);
    }

    [Fact]
    public async Task The_regulator_books_a_free_slot()
    {
        var slotId = await FreeSlot();
        var response = await app.Regulator().PostJsonAsync("/api/bookings", Steps.Booking(slotId));
        var booking = await response.ShouldBe(HttpStatusCode.Created);
        Assert.Equal("active", booking.GetProperty("status").GetString());
        Assert.Equal("sas", booking.GetProperty("channel").GetString());
        Assert.Equal("Paulette", booking.GetProperty("patient").GetProperty("firstName").GetString());
        Assert.Equal("booked", (await (await app.Regulator().GetAsync($"/api/slots/{slotId}")).ShouldBe(HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.Equal($"/api/bookings/{booking.GetProperty("id").GetGuid()}", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Booking_a_taken_slot_returns_409_without_patient_data()
    {
        var slotId = await FreeSlot();
        await app.BookAsync(app.Regulator(), slotId);
        var response = await app.As("nurse").PostJsonAsync("/api/bookings", Steps.Booking(slotId, "nurse", Steps.Patient("Bernadette", "Secret")));
        await response.ShouldBe(HttpStatusCode.Conflict);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Bernadette", text);
        Assert.DoesNotContain("Secret", text);
    }

    [Fact]
    public async Task Of_50_parallel_bookers_of_one_slot_exactly_one_wins()
    {
        var slotId = await FreeSlot(3);
        var clients = Enumerable.Range(0, 50).Select(i => app.As("regulator", subject: $"regulator-{i}")).ToList();
        var responses = await Task.WhenAll(clients.Select(c => c.PostJsonAsync("/api/bookings", Steps.Booking(slotId))));
        var seen = string.Join("\n", await Task.WhenAll(responses.Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}")));
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.Created) == 1, seen);
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.Conflict) == 49, seen);
        Assert.Equal(49, seen.Split('\n').Count(line => line.Contains("The slot is already booked", StringComparison.Ordinal)));
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE slot_id = @slotId", new { slotId }));
        Assert.Empty(await app.InvariantViolationsAsync());
    }

    [Fact]
    public async Task The_database_forbids_a_second_active_booking_of_a_slot()
    {
        var slotId = await FreeSlot();
        var first = await app.BookAsync(app.Regulator(), slotId);
        await using var c = await app.OpenAsync();
        var e = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Dapper.SqlMapper.ExecuteAsync(c, """
            INSERT INTO bookings (id, slot_id, practitioner_id, starts_at, ends_at, channel, patient_first_name, patient_last_name,
                patient_birth_date, patient_has_regular_doctor, booked_by, booked_by_role, created_at)
            SELECT gen_random_uuid(), slot_id, practitioner_id, starts_at, ends_at, 'cpts', 'A', 'B', '1990-01-01', true, 'x', 'coordinator', now()
            FROM bookings WHERE id = @Id
            """, new { Id = first.GetProperty("id").GetGuid() }));
        Assert.Equal("23505", e.SqlState);
    }

    [Fact]
    public async Task A_retry_with_the_same_Idempotency_Key_returns_the_first_booking()
    {
        var slotId = await FreeSlot();
        var client = app.Regulator();
        var key = Guid.NewGuid().ToString();
        Task<HttpResponseMessage> Send() => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Headers = { { "Idempotency-Key", key } },
            Content = JsonContent.Create(Steps.Booking(slotId), options: Http.Json),
        });
        var first = await (await Send()).ShouldBe(HttpStatusCode.Created);
        var replay = await (await Send()).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(first.GetProperty("id").GetGuid(), replay.GetProperty("id").GetGuid());
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE slot_id = @slotId", new { slotId }));
    }

    [Fact]
    public async Task Parallel_requests_with_one_Idempotency_Key_make_one_booking()
    {
        var slotId = await FreeSlot(4);
        var client = app.Regulator();
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Headers = { { "Idempotency-Key", key } },
            Content = JsonContent.Create(Steps.Booking(slotId), options: Http.Json),
        })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync()).GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task The_same_Idempotency_Key_with_another_body_returns_422()
    {
        var slotId = await FreeSlot();
        var other = await FreeSlot(5);
        var client = app.Regulator();
        client.DefaultRequestHeaders.Add("Idempotency-Key", "key-reused");
        await (await client.PostJsonAsync("/api/bookings", Steps.Booking(slotId))).ShouldBe(HttpStatusCode.Created);
        await (await client.PostJsonAsync("/api/bookings", Steps.Booking(other))).ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task The_regulator_cannot_book_a_slot_kept_for_CPTS_members()
    {
        var slotId = await FreeSlot(visibility: "cpts");
        await (await app.Regulator().PostJsonAsync("/api/bookings", Steps.Booking(slotId))).ShouldBe(HttpStatusCode.NotFound);
        await (await app.As("nurse").PostJsonAsync("/api/bookings", Steps.Booking(slotId, "nurse"))).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Unknown_slot_is_404_and_the_secretary_may_not_book()
    {
        await (await app.Regulator().PostJsonAsync("/api/bookings", Steps.Booking(Guid.NewGuid()))).ShouldBe(HttpStatusCode.NotFound);
        var slotId = await FreeSlot();
        await (await app.As("secretary").PostJsonAsync("/api/bookings", Steps.Booking(slotId))).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Invalid_patient_data_returns_400_listing_fields_without_echoing_values()
    {
        var slotId = await FreeSlot();
        var response = await app.Regulator().PostJsonAsync("/api/bookings", new
        {
            slotId, channel = "fax", patient = new { firstName = "", lastName = "Zorglub", birthDate = "2150-01-01", phone = "call me maybe" },
        });
        var problem = await response.ShouldBe(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "patient.firstName", "patient.birthDate", "patient.phone", "patient.hasRegularDoctor", "channel" })
            Assert.True(errors.TryGetProperty(field, out _), field);
        Assert.DoesNotContain("Zorglub", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("call me maybe", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Malformed_JSON_returns_400_problem()
    {
        var content = new StringContent("{\"slotId\": \"not-a-guid\", ", System.Text.Encoding.UTF8, "application/json");
        await (await app.Regulator().PostAsync("/api/bookings", content)).ShouldBe(HttpStatusCode.BadRequest);
        var wrongType = new StringContent("{\"slotId\": 42}", System.Text.Encoding.UTF8, "application/json");
        await (await app.Regulator().PostAsync("/api/bookings", wrongType)).ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_over_one_megabyte_returns_413()
    {
        var huge = new StringContent("{\"reason\":\"" + new string('x', 1_100_000) + "\"}", System.Text.Encoding.UTF8, "application/json");
        await (await app.Regulator().PostAsync("/api/bookings", huge)).ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_slot_that_is_over_cannot_be_booked()
    {
        var gp = await app.NewPractitionerAsync();
        var slotId = await app.PublishSlotAsync(gp.Id, app.NextHour(1), mode: "teleconsultation");
        await using var c = await app.OpenAsync();
        await Dapper.SqlMapper.ExecuteAsync(c, "UPDATE slots SET starts_at = starts_at - interval '1 day', ends_at = ends_at - interval '1 day' WHERE id = @slotId", new { slotId });
        await (await app.Regulator().PostJsonAsync("/api/bookings", Steps.Booking(slotId))).ShouldBe(HttpStatusCode.UnprocessableEntity);
    }
}
