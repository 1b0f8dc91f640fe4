using Cpts.Agenda.Api.Features.Rooms;
using Cpts.Agenda.Api.Features.Telemedicine.Pages;

namespace Cpts.Agenda.Tests;

public sealed class TelemedicineTextTests
{
    [Fact]
    public void Following_days_with_the_same_hours_are_written_once()
    {
        var hours = Enumerable.Range(1, 5).SelectMany(d => new[] { new OpeningInterval(d, "13:00", "20:00"), new OpeningInterval(d, "08:00", "12:00") })
            .Append(new OpeningInterval(6, "09:00", "12:00")).ToList();
        Assert.Equal("lun.–ven. 08:00–12:00, 13:00–20:00 · sam. 09:00–12:00", TelemedicineText.Hours(hours));
        Assert.Equal("lun. 08:00–12:00 · mer. 08:00–12:00",
            TelemedicineText.Hours([new OpeningInterval(1, "08:00", "12:00"), new OpeningInterval(3, "08:00", "12:00")]));
        Assert.Equal("aucun horaire d'ouverture", TelemedicineText.Hours([]));
    }

    [Fact]
    public void Refusals_name_what_is_taken_in_french()
    {
        Assert.Equal("Claire Martin est déjà engagé·e à cette heure (une autre téléconsultation, un créneau ou une garde).",
            TelemedicineText.Refusal("The doctor is already committed at that time (another teleconsultation, a slot or a shift).", "Claire Martin"));
        Assert.Equal("La salle est réservée pour « IME Les Prés » à cette heure : seules ses téléconsultations ou la coordination peuvent l'utiliser.",
            TelemedicineText.Refusal("The room is reserved for IME Les Prés at that time; only that partner's bookings or the coordinator may use it."));
        Assert.Equal("Cette salle reçoit les patients à partir de 16 ans.", TelemedicineText.Refusal("This room receives patients from 16 years old."));
    }
}
