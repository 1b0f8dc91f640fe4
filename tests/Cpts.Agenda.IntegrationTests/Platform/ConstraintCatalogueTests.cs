using Dapper;

namespace Cpts.Agenda.IntegrationTests.Platform;

/// <summary>
/// Every exclusion, unique and check constraint and every unique index of the migrated schema has its
/// message in the catalogue (Infrastructure/Constraints.cs), and the catalogue names nothing the schema
/// does not have: a 409 or 422 from the database always says what happened.
/// </summary>
public sealed class ConstraintCatalogueTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private const string SchemaConstraints = """
        SELECT conname FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace AND contype IN ('c', 'u', 'x')
        UNION
        SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE c.relnamespace = 'public'::regnamespace AND i.indisunique AND NOT i.indisprimary
        """;

    /// <summary>Constraint names the schema's functions raise (RAISE … USING CONSTRAINT = 'name').</summary>
    private const string RaisedConstraints = """
        SELECT DISTINCT m[1] FROM pg_proc p, regexp_matches(p.prosrc, 'CONSTRAINT\s*=\s*''([a-z0-9_]+)''', 'g') AS m
        WHERE p.pronamespace = 'public'::regnamespace
        """;

    private const string PrimaryKeys = "SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype = 'p'";

    [Fact]
    public async Task Every_constraint_of_the_schema_has_a_message()
    {
        await using var c = await app.OpenAsync();
        var inSchema = (await c.QueryAsync<string>(SchemaConstraints)).Concat(await c.QueryAsync<string>(RaisedConstraints)).ToHashSet();
        Assert.True(inSchema.Count > 40, $"the schema's constraints were read ({inSchema.Count})");

        var missing = inSchema.Where(name => !Constraints.TryDescribe(name, out _)).Order().ToList();
        Assert.True(missing.Count == 0, "Constraints without a message in Infrastructure/Constraints.cs: " + string.Join(", ", missing));

        var known = inSchema.Concat(await c.QueryAsync<string>(PrimaryKeys)).ToHashSet();
        var stale = Constraints.Messages.Keys.Where(name => !known.Contains(name)).Order().ToList();
        Assert.True(stale.Count == 0, "Messages for constraints the schema does not have: " + string.Join(", ", stale));
    }

}
