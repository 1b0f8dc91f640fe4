using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Cpts.Agenda.Api.Features.SignIn;

/// <summary>
/// The routes of sign-in to the pages: method, path, handler. Forms post here, none is an API route; each
/// provider's route exists only when it is configured, the demo one only in Development.
/// </summary>
public static class SignInEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app, SignInModule.Providers providers, bool isDevelopment)
    {
        // Every sign-in and sign-out form carries its antiforgery token, even those binding no field.
        var antiforgery = new RequireAntiforgeryTokenAttribute();
        var group = app.MapGroup("/connexion").ExcludeFromDescription().WithMetadata(antiforgery);

        // The provider's page, then back to `retour`.
        if (providers.ProSanteConnect)
            group.MapPost("/psc", ([FromForm] string? retour) => SignInForms.Challenge(SignInModule.ProSanteConnect, retour));
        if (providers.StaffName is not null)
            group.MapPost("/staff", ([FromForm] string? retour) => SignInForms.Challenge(SignInModule.Staff, retour));
        if (isDevelopment)
            group.MapPost("/demo", ([FromForm] Guid? membre, [FromForm] string? retour, SignInMembers members, HttpContext http) =>
                SignInForms.DemoAsync(membre, retour, members, http));

        // Typed Task<IResult>: a bare (HttpContext) => Task would be taken for a RequestDelegate and its answer dropped.
        app.MapPost("/deconnexion", Task<IResult> (HttpContext http) => SignInForms.SignOutAsync(http))
            .ExcludeFromDescription()
            .WithMetadata(antiforgery);
        return app;
    }
}
