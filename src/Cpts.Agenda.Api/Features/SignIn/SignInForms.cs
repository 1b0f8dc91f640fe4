using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Cpts.Agenda.Api.Features.SignIn;

/// <summary>
/// What the sign-in and sign-out forms do: go to a provider's page, sign a demo person in (Development),
/// end the session. The page cookie is the session (<see cref="PageSession"/>).
/// </summary>
public static class SignInForms
{
    /// <summary>The provider's sign-in page, then back to a local <paramref name="returnUrl"/> (else home).</summary>
    public static IResult Challenge(string scheme, string? returnUrl) =>
        Results.Challenge(new AuthenticationProperties { RedirectUri = PageSession.SafeReturn(returnUrl) }, [scheme]);

    /// <summary>
    /// Development: the session of the demo member chosen, then back to <paramref name="returnUrl"/>; a member
    /// unknown or without a role goes back to the sign-in page.
    /// </summary>
    public static async Task<IResult> DemoAsync(Guid? memberId, string? returnUrl, SignInMembers members, HttpContext http)
    {
        if (memberId is not { } id || await members.ByIdAsync(id, http.RequestAborted) is not { Role: not null } member)
            return Results.Redirect(PageSession.SignInPath);
        await PageSession.SignInAsync(http, SignInMembers.PrincipalOf(member, SignInModule.Demo));
        return Results.LocalRedirect(PageSession.SafeReturn(returnUrl));
    }

    /// <summary>
    /// Ends the session, then the sign-in page; 400 without a valid antiforgery token. The form binds no
    /// field, so the token is checked here (form binding checks it elsewhere).
    /// </summary>
    public static async Task<IResult> SignOutAsync(HttpContext http)
    {
        if (http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
            return Results.Problem("The form's antiforgery token is missing or invalid.", statusCode: StatusCodes.Status400BadRequest);
        await PageSession.SignOutAsync(http);
        return Results.LocalRedirect($"{PageSession.SignInPath}?deconnecte=1");
    }
}
