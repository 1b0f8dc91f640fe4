namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// The name /openapi/v1.json gives a type's schema, instead of the one made from its nesting: for a type
/// moved in the code whose schema keeps the name clients were generated with.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OpenApiSchemaNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
