using System.Text;
using Cpts.Agenda.Api.Features.Calendars;
using Ical.Net;

namespace Cpts.Agenda.Tests;

public sealed class FeedRendererTests
{
    private static readonly DateTimeOffset Changed = new(2026, 10, 1, 8, 0, 0, TimeSpan.Zero);

    private static FeedItem Item(string uid, DateTimeOffset start, int minutes = 20, string summary = "SNP – libre", string? location = null, bool cancelled = false, int sequence = 0) =>
        new() { Uid = uid, Start = start, End = start.AddMinutes(minutes), Summary = summary, Location = location, Cancelled = cancelled, Sequence = sequence, Changed = Changed };

    [Fact]
    public void Text_with_commas_semicolons_backslashes_line_breaks_and_long_accented_lines_reads_back_unchanged()
    {
        var location = "Maison de santé pluriprofessionnelle de Noidans-lès-Vesoul; bâtiment B, 3 rue de l'Église \\ 2e étage\nentrée côté parking, 70000 Noidans-lès-Vesoul";
        var bytes = FeedRenderer.Render("Agenda CPTS – Hélène Grand-Prénom-Très-Long-Pour-Plier-La-Ligne-Au-Bon-Endroit", [
            Item("slot-1@cpts-agenda", new DateTimeOffset(2026, 10, 20, 7, 0, 0, TimeSpan.Zero), location: location, sequence: 3),
            Item("slot-2@cpts-agenda", new DateTimeOffset(2026, 10, 21, 7, 0, 0, TimeSpan.Zero), summary: "SNP – réservé (SAS)", cancelled: true),
        ]);
        var text = Encoding.UTF8.GetString(bytes);

        foreach (var line in text.Split("\r\n")) Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line);
        Assert.DoesNotContain("\n", text.Replace("\r\n", ""));

        var calendar = Calendar.Load(text)!;
        var first = calendar.Events.Single(e => e.Uid == "slot-1@cpts-agenda");
        Assert.Equal(location, first.Location);
        Assert.Equal(3, first.Sequence);
        Assert.Equal("CONFIRMED", first.Status);
        Assert.Equal(new DateTime(2026, 10, 20, 7, 0, 0, DateTimeKind.Utc), first.DtStart!.AsUtc);
        var second = calendar.Events.Single(e => e.Uid == "slot-2@cpts-agenda");
        Assert.Equal("SNP – réservé (SAS)", second.Summary);
        Assert.Equal("CANCELLED", second.Status);
        Assert.Equal(new DateTime(2026, 10, 1, 8, 0, 0, DateTimeKind.Utc), second.DtStamp!.AsUtc);
        Assert.Contains("Hélène Grand-Prénom-Très-Long-Pour-Plier-La-Ligne-Au-Bon-Endroit", calendar.Properties["X-WR-CALNAME"]!.Value!.ToString());
    }

    [Fact]
    public void Times_are_Paris_local_with_a_VTIMEZONE_and_the_repeated_autumn_hour_is_written_in_UTC()
    {
        var beforeChange = new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero); // 02:30 CEST
        var afterChange = new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero);  // 02:30 CET
        var morning = new DateTimeOffset(2026, 10, 26, 8, 0, 0, TimeSpan.Zero);       // 09:00 CET
        var text = Encoding.UTF8.GetString(FeedRenderer.Render("x", [Item("a", beforeChange), Item("b", afterChange), Item("c", morning)]));

        Assert.Contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris", text);
        Assert.Contains("DTSTART;TZID=Europe/Paris:20261026T090000", text);
        Assert.Contains("DTSTART:20261025T003000Z", text);
        Assert.Contains("DTSTART:20261025T013000Z", text);
        var calendar = Calendar.Load(text)!;
        Assert.Equal(beforeChange.UtcDateTime, calendar.Events.Single(e => e.Uid == "a").DtStart!.AsUtc);
        Assert.Equal(afterChange.UtcDateTime, calendar.Events.Single(e => e.Uid == "b").DtStart!.AsUtc);
        Assert.Equal(morning.UtcDateTime, calendar.Events.Single(e => e.Uid == "c").DtStart!.AsUtc);
    }

    [Fact]
    public void The_same_items_give_the_same_bytes()
    {
        FeedItem[] items = [Item("a", Changed.AddDays(20)), Item("b", Changed.AddDays(21), cancelled: true)];
        Assert.Equal(FeedRenderer.Render("x", items), FeedRenderer.Render("x", items));
    }

    [Fact]
    public void A_slot_is_summarised_by_status_and_booking_channel_only()
    {
        var row = new SlotsFeedSource.SlotEventRow
        {
            Id = Guid.NewGuid(), StartsAt = Changed, EndsAt = Changed.AddMinutes(20), Mode = "home-visit", Status = "booked", Version = 3,
            UpdatedAt = Changed, Channel = "sas", PractitionerFirstName = "Claire", PractitionerLastName = "Martin",
        };
        var item = SlotsFeedSource.ToItem(row, withPractitionerName: false);
        Assert.Equal("SNP – réservé (SAS)", item.Summary);
        Assert.Equal(2, item.Sequence);
        Assert.Equal($"slot-{row.Id}@cpts-agenda", item.Uid);
        Assert.Equal("SNP – réservé (SAS) – Claire Martin", SlotsFeedSource.ToItem(row, withPractitionerName: true).Summary);
        Assert.Equal("SNP – libre", SlotsFeedSource.ToItem(new SlotsFeedSource.SlotEventRow { Status = "free", Version = 1 }, false).Summary);
        var withdrawn = SlotsFeedSource.ToItem(new SlotsFeedSource.SlotEventRow { Status = "withdrawn", Version = 2 }, false);
        Assert.True(withdrawn.Cancelled);
    }
}
