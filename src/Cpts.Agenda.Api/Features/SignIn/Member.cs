namespace Cpts.Agenda.Api.Features.SignIn;

/// <summary>A person this CPTS lets sign in to the pages; a null role: known, but not given one yet.</summary>
public sealed record Member(Guid Id, string DisplayName, string? Role, Guid? PractitionerId);
