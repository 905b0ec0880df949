namespace Mallard.Engine.Magics;

/// <summary>A magic command: its name, arguments, options and what its body is.</summary>
internal sealed record MagicSpec(
    string Name,
    string Summary,
    MagicBody Body,
    IReadOnlyList<MagicOption> Options,
    IReadOnlyList<string> Positionals,
    int RequiredPositionals = 0)
{
    public string Usage =>
        string.Join(' ', new[] { "#!" + Name }
            .Concat(Positionals.Select((p, i) => i < RequiredPositionals ? p : "[" + p + "]"))
            .Concat(Options.Select(o => "[" + o.Usage + "]")));

    public MagicOption? Find(string name) => Options.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.Ordinal));
}
