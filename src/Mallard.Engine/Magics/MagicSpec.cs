namespace Mallard.Engine.Magics;

/// <summary>A magic command: its name, arguments, options and what its body is.</summary>
/// <param name="Name">The name after <c>#!</c>.</param>
/// <param name="Summary">One line of help.</param>
/// <param name="Body">What the cell's text after the magic line is.</param>
/// <param name="Options">The <c>--options</c> it accepts.</param>
/// <param name="Positionals">The names of its positional arguments, for help.</param>
/// <param name="RequiredPositionals">How many positional arguments it needs.</param>
/// <param name="NeedsBody">True when the magic wraps what follows it, so a magic line alone is not a whole cell yet (<c>#!time</c>).</param>
/// <param name="AllowsPercentForm">True when Jupyter's <c>%%name</c> spelling is accepted too (<c>%%sql</c>).</param>
/// <param name="OpensAnyCell">
/// True when Polyglot lets it open a cell of any kernel (<c>#!set</c>, <c>#!share</c>, <c>#!time</c>): it gives values or times
/// the rest, and names no kernel, so a cell whose kernel a Polyglot notebook's metadata names keeps that kernel when it
/// opens with one.
/// </param>
/// <param name="Aliases">Other names it answers to: Polyglot's names for the same thing (<c>#!whos</c>, <c>#!lsmagic</c>).</param>
internal sealed record MagicSpec(
    string Name,
    string Summary,
    MagicBody Body,
    IReadOnlyList<MagicOption> Options,
    IReadOnlyList<string> Positionals,
    int RequiredPositionals = 0,
    bool NeedsBody = false,
    bool AllowsPercentForm = false,
    bool OpensAnyCell = false,
    IReadOnlyList<string>? Aliases = null)
{
    /// <summary>Whether <paramref name="name"/> (without <c>#!</c>) names this magic, by its name or an alias; case-insensitive.</summary>
    public bool IsNamed(string name) =>
        string.Equals(Name, name, StringComparison.OrdinalIgnoreCase)
        || (Aliases ?? []).Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));

    public string Usage =>
        string.Join(' ', new[] { "#!" + Name }
            .Concat(Positionals.Select((p, i) => i < RequiredPositionals ? p : "[" + p + "]"))
            .Concat(Options.Select(o => "[" + o.Usage + "]")));

    public MagicOption? Find(string name) => Options.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.Ordinal));
}
