namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>Collects field errors; one message list per field.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Failed => _errors.Count > 0;

    public Validation Check(bool ok, string field, string message)
    {
        if (!ok) Add(field, message);
        return this;
    }

    public Validation Required(string? value, string field, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, $"{field} is required.");
        else if (value.Length > maxLength) Add(field, $"{field} must be at most {maxLength} characters.");
        return this;
    }

    public Validation Optional(string? value, string field, int maxLength = 200)
    {
        if (value is not null && value.Length > maxLength) Add(field, $"{field} must be at most {maxLength} characters.");
        return this;
    }

    public Validation OneOf(string? value, string field, IReadOnlyCollection<string> allowed)
    {
        if (value is null || !allowed.Contains(value)) Add(field, $"{field} must be one of: {string.Join(", ", allowed)}.");
        return this;
    }

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public Error ToError() => Error.Invalid(_errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()));
}
