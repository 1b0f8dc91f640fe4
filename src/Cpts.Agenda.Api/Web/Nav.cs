using System.Security.Claims;

namespace Cpts.Agenda.Api.Web;

/// <summary>
/// The main navigation, by role. A feature adds its pages here; a link shows only to the roles
/// its page admits (the page's own [Authorize] is what protects it).
/// </summary>
public static class Nav
{
    private static readonly IReadOnlyList<(string Href, string Label, string[] Roles)> Links =
    [
        ("/trouver", "Trouver un médecin", [Roles.Regulator, Roles.Nurse]),
        ("/reservations", "Mes réservations", [Roles.Regulator, Roles.Nurse]),
        ("/agenda", "Mon agenda", [Roles.Practitioner]),
        ("/agenda/publier", "Publier des créneaux", [Roles.Practitioner]),
        ("/agenda/gardes", "Mes gardes", [Roles.Practitioner]),
        ("/teleconsultation", "Téléconsultation assistée", [Roles.Nurse]),
        ("/ma-journee", "Ma journée", [Roles.Nurse]),
        ("/garde-du-jour", "Garde du jour", [Roles.Secretary]),
        ("/calendrier", "Mon calendrier", [Roles.Practitioner, Roles.Nurse, Roles.Coordinator]),
        ("/coordination/praticiens", "Annuaire", [Roles.Coordinator]),
        ("/coordination/import", "Import Annuaire Santé", [Roles.Coordinator]),
        ("/coordination/sites", "Sites et salles", [Roles.Coordinator]),
        ("/coordination/membres", "Membres", [Roles.Coordinator]),
        ("/coordination/gardes", "Gardes MMG", [Roles.Coordinator]),
        ("/coordination/indicateurs", "Indicateurs", [Roles.Coordinator]),
        ("/coordination/journal", "Journal", [Roles.Coordinator]),
        ("/coordination/notifications", "Notifications", [Roles.Coordinator]),
    ];

    public static IEnumerable<(string Href, string Label)> For(ClaimsPrincipal user) =>
        Links.Where(l => l.Roles.Any(user.IsInRole)).Select(l => (l.Href, l.Label));
}
