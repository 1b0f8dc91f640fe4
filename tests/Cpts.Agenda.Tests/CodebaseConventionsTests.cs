using System.Text.RegularExpressions;

namespace Cpts.Agenda.Tests;

/// <summary>
/// The conventions of the source tree (src/), read as text. Each rule fails with every file that breaks it.
/// The code uses file-scoped namespaces, so a type declared at the left margin is a top-level type and an
/// indented one is nested.
/// </summary>
public sealed partial class CodebaseConventionsTests
{
    private static readonly string Root = FindRoot();
    private static readonly string Src = Path.Combine(Root, "src");
    private static readonly string Features = Path.Combine(Src, "Cpts.Agenda.Api", "Features");

    // The next engineer finds a type by its file name: Foo.cs declares Foo, and only Foo (nested types are fine),
    // in the service, its tests and the bench alike. A part of a partial class may be Foo.Part.cs; a program
    // of top-level statements (Program.cs) declares none.
    [Fact]
    public void Every_source_file_declares_one_top_level_type_named_like_the_file()
    {
        var offenders = new List<string>();
        foreach (var file in new[] { "src", "tests", "bench" }.SelectMany(folder => SourceFiles(Path.Combine(Root, folder))))
        {
            var declared = TopLevelType().Matches(File.ReadAllText(file)).Select(m => m.Groups["name"].Value).ToList();
            var expected = Path.GetFileName(file).Split('.')[0];
            if (declared.Count == 0 && expected == "Program") continue;
            if (declared.Count != 1 || declared[0] != expected)
                offenders.Add($"{Relative(file)} declares [{string.Join(", ", declared)}], expected exactly [{expected}]");
        }
        Assert.True(offenders.Count == 0, Report("Files that do not declare exactly one top-level type named like the file:", offenders));
    }

    // A use case says what else it changes: its summary names the side effects (audit, notification planning,
    // jobs, outbound calls, other writes) and the database triggers that fire for the rows it writes.
    [Fact]
    public void Every_use_case_summary_names_its_side_effects_and_triggers()
    {
        var useCases = SourceFiles(Features).Where(f => NestedHandler().IsMatch(File.ReadAllText(f))).ToList();
        Assert.NotEmpty(useCases);
        var offenders = new List<string>();
        foreach (var file in useCases)
        {
            var summary = SummaryAboveStaticClass().Match(File.ReadAllText(file));
            var text = summary.Success ? summary.Groups["summary"].Value : "";
            if (!text.Contains("Side effects:", StringComparison.Ordinal) || !text.Contains("trigger", StringComparison.OrdinalIgnoreCase))
                offenders.Add(summary.Success
                    ? $"{Relative(file)}: the summary names no 'Side effects:' or no trigger"
                    : $"{Relative(file)}: no /// <summary> right above its public static class");
        }
        Assert.True(offenders.Count == 0, Report("Use cases whose summary does not name their side effects and triggers:", offenders));
    }

    // No global mutable state: a static field is const or readonly, a static property has no setter.
    [Fact]
    public void No_static_field_is_mutable()
    {
        var offenders = new List<string>();
        foreach (var file in SourceFiles(Src))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var declaration = StaticMember().Match(lines[i]);
                if (declaration.Success && !ReadonlyOrConst().IsMatch(declaration.Groups["modifiers"].Value))
                    offenders.Add($"{Relative(file)}:{i + 1}: {lines[i].Trim()}");
            }
        }
        Assert.True(offenders.Count == 0, Report("Static fields (or static properties with a setter) that are neither const nor readonly:", offenders));
    }

    // A type declared at the margin: attributes, modifiers, then the kind and the name (a delegate's after its return type).
    [GeneratedRegex(@"^(?:\[.*\]\s*)?(?:(?:public|internal|file|static|sealed|abstract|partial|readonly|ref|unsafe|new)\s+)*(?:record\s+struct|record\s+class|class|record|struct|interface|enum|delegate\s+[\w<>\[\],.?]+)\s+@?(?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();

    [GeneratedRegex(@"^[ \t]+(?:(?:public|internal|private|protected|sealed|partial)\s+)*class\s+Handler\b", RegexOptions.Multiline)]
    private static partial Regex NestedHandler();

    // The /// lines right above "public static class" (attribute lines may stand between), and the summary within them.
    [GeneratedRegex(@"^///\s*<summary>(?<summary>(?:.*\r?\n///)*?.*)</summary>.*\r?\n(?:///.*\r?\n)*(?:\[.*\]\r?\n)*public static class ", RegexOptions.Multiline)]
    private static partial Regex SummaryAboveStaticClass();

    // A member declaration that starts the line (after its attributes): modifiers including static, a type (a tuple's parentheses
    // hold no '='), a name, then '=' (not '=>'), ';' or an accessor list with a setter. Methods and local
    // functions (a '(' after the name), getter-only and expression-bodied properties do not match.
    [GeneratedRegex(@"^\s*(?:\[[^\]]*\]\s*)*(?<modifiers>(?:(?:public|private|protected|internal|file|new|static|volatile|unsafe|readonly|const)\s+)*static\s+(?:(?:volatile|readonly|const|unsafe)\s+)*)(?:\([^()=]*\)|[\w<>\[\],.?:]|\s)+?\s@?\w+\s*(?:=(?!>)|;|\{[^}]*\bset\b)")]
    private static partial Regex StaticMember();

    [GeneratedRegex(@"\b(?:readonly|const)\b")]
    private static partial Regex ReadonlyOrConst();

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Relative(f).Split('/').Any(part => part is "obj" or "bin"))
            .Order(StringComparer.Ordinal);

    private static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string Report(string title, List<string> offenders) => $"{title}\n  {string.Join("\n  ", offenders)}";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Cpts.Agenda.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Cpts.Agenda.sln.");
    }
}
