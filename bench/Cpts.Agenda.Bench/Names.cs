namespace Cpts.Agenda.Bench;

public static class Names
{
    public const string Live = "GET /health/live (web floor)";
    public const string Search = "GET /api/availability (search)";
    public const string SearchSql = "search SQL via Npgsql (database floor)";
    public const string Book = "POST /api/bookings, distinct slots";
    public const string BookSql = "UPDATE slots + INSERT bookings via Npgsql (floor)";
    public const string Contended = "POST /api/bookings, 100 contended slots";
}
