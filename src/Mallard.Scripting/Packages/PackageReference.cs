namespace Mallard.Engine.Scripting.Packages;

/// <summary>
/// A package a cell asks for with <c>#r "nuget: Id"</c> or <c>#r "nuget: Id, Version"</c>: the version as Polyglot takes it
/// (an exact version, a range such as <c>[1.0,2.0)</c>, a floating one such as <c>1.*</c> or <c>*-*</c>), or null for the latest
/// stable one.
/// </summary>
internal sealed record PackageReference(string Id, string? Version)
{
    /// <summary>The text after <c>nuget:</c>; null when it names no package.</summary>
    public static PackageReference? Parse(string text)
    {
        var parts = text.Split(',', 2, StringSplitOptions.TrimEntries);
        if (parts[0].Length == 0) return null;
        var version = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null;
        return new PackageReference(parts[0], version);
    }

    /// <summary>The version as a PackageReference's Version attribute takes it: the latest stable one when none was given.</summary>
    public string VersionRange => Version ?? "*";

    public override string ToString() => Version is null ? Id : $"{Id}, {Version}";
}
