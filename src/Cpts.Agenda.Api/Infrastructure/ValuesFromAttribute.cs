using System.Reflection;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// A string property or parameter whose values come from a static list of the feature
/// (e.g. <c>[property: ValuesFrom(typeof(SlotRules), nameof(SlotRules.Modes))]</c>): the OpenAPI
/// document shows the list as the schema's <c>enum</c>, from the same array the validation reads.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ValuesFromAttribute(Type type, string member) : Attribute
{
    public IReadOnlyList<string> Values { get; } =
        (type.GetField(member, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
            ?? type.GetProperty(member, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)) is IEnumerable<string> values
            ? values.ToList()
            : throw new ArgumentException($"{type.Name}.{member} is not a static list of strings.", nameof(member));
}
