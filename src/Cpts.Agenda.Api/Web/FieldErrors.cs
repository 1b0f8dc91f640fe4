namespace Cpts.Agenda.Api.Web;

/// <summary>The attributes that tie an input to the use case's error on its field.</summary>
public static class FieldErrors
{
    public static string Id(string field) => "erreur-" + field.Replace('.', '-');

    /// <summary>aria-invalid and aria-describedby for an input whose field was refused; nothing otherwise.</summary>
    public static Dictionary<string, object> For(Error? errors, string field) =>
        errors?.Fields?.ContainsKey(field) == true
            ? new() { ["aria-invalid"] = "true", ["aria-describedby"] = Id(field) }
            : [];
}
