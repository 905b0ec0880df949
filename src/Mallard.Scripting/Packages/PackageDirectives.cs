using System.Text.RegularExpressions;

namespace Mallard.Engine.Scripting.Packages;

/// <summary>
/// The NuGet lines of a C# cell, as Polyglot Notebooks writes them, anywhere at the start of a line: <c>#r "nuget: Id[, Version]"</c>
/// and <c>#i "nuget: SOURCE"</c> (a feed URL or a local folder). Both are blanked out of the code the compiler sees (Roslyn
/// resolves one assembly per <c>#r</c>, and knows no <c>#i</c>), keeping every other position as it was; the session
/// references the packages' assemblies itself.
/// </summary>
internal sealed partial class PackageDirectives
{
    private PackageDirectives(string code, IReadOnlyList<(PackageReference Package, int Position)> packages, IReadOnlyList<(string Source, int Position)> sources)
    {
        Code = code;
        Packages = packages;
        Sources = sources;
    }

    /// <summary>The cell's code with its NuGet lines blanked.</summary>
    public string Code { get; }

    /// <summary>The packages the cell's <c>#r "nuget:"</c> lines ask for, with where each line starts in the cell.</summary>
    public IReadOnlyList<(PackageReference Package, int Position)> Packages { get; }

    /// <summary>The sources the cell's <c>#i "nuget:"</c> lines add, as written, with where each line starts.</summary>
    public IReadOnlyList<(string Source, int Position)> Sources { get; }

    public bool Any => Packages.Count > 0 || Sources.Count > 0;

    public static PackageDirectives Parse(string code)
    {
        var packages = new List<(PackageReference, int)>();
        var sources = new List<(string, int)>();
        var text = code;
        foreach (Match match in Directive().Matches(code))
        {
            var value = match.Groups["value"].Value.Trim();
            if (match.Groups["kind"].Value == "i") sources.Add((value, match.Index));
            else if (PackageReference.Parse(value) is { } package) packages.Add((package, match.Index));
            // The line becomes blank, of the same length, so that positions after it do not move.
            text = string.Concat(text.AsSpan(0, match.Index), new string(' ', match.Length), text.AsSpan(match.Index + match.Length));
        }
        return new PackageDirectives(text, packages, sources);
    }

    [GeneratedRegex("""^[ \t]*#(?<kind>[ri])[ \t]+"nuget:(?<value>[^"\r\n]*)"[ \t]*$""", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Directive();
}
