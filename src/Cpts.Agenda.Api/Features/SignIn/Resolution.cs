namespace Cpts.Agenda.Api.Features.SignIn;

/// <summary>How an identity from a provider maps to a member of this CPTS.</summary>
public enum Resolution
{
    /// <summary>A member with a role: the session starts.</summary>
    SignedIn,
    /// <summary>The provider knows the person, this CPTS does not.</summary>
    Unknown,
    /// <summary>A member with no role yet.</summary>
    NoRole,
}
