namespace Cpts.Agenda.Api.Features.Telemedicine;

public sealed record FreeInterval(DateTimeOffset Start, DateTimeOffset End);
