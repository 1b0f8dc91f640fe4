using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>The checked templates, and which one a site and profession use.</summary>
public sealed class ShiftTemplates
{
    private readonly Dictionary<string, ShiftTemplate> _templates;
    private readonly ShiftOptions _options;

    public ShiftTemplates(IOptions<ShiftOptions> options)
    {
        _options = options.Value;
        _templates = new Dictionary<string, ShiftTemplate>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, config) in _options.Templates)
        {
            var (template, problems) = ShiftTemplate.Compile(name, config);
            if (template is null) throw new InvalidOperationException($"Agenda:Shifts configuration is invalid: {string.Join(" ", problems)}");
            _templates[name] = template;
        }
    }

    public IEnumerable<string> Names => _templates.Keys.Order(StringComparer.Ordinal);

    public ShiftTemplate? Named(string name) => _templates.GetValueOrDefault(name);

    /// <summary>The site's own choice for the profession, else the profession's default.</summary>
    public ShiftTemplate? For(Guid siteId, string profession)
    {
        if (_options.Sites.TryGetValue(siteId.ToString(), out var bySite) &&
            bySite.TryGetValue(profession, out var siteTemplate)) return Named(siteTemplate);
        return _options.Defaults.TryGetValue(profession, out var name) ? Named(name) : null;
    }

    /// <summary>Every template named in Defaults and Sites exists, every template is well formed.</summary>
    public sealed class Validator : IValidateOptions<ShiftOptions>
    {
        public ValidateOptionsResult Validate(string? name, ShiftOptions options)
        {
            var problems = options.Templates.SelectMany(t => ShiftTemplate.Compile(t.Key, t.Value).Problems).ToList();
            var named = options.Defaults.Values.Concat(options.Sites.Values.SelectMany(s => s.Values));
            problems.AddRange(named.Where(n => !options.Templates.ContainsKey(n)).Distinct().Select(n => $"Template '{n}' is named but not defined."));
            problems.AddRange(options.Sites.Keys.Where(k => !Guid.TryParse(k, out _)).Select(k => $"Sites: '{k}' is not a site id."));
            return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
        }
    }
}
