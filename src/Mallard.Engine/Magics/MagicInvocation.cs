namespace Mallard.Engine.Magics;

/// <summary>A parsed magic line: the magic, its positional arguments and options.</summary>
internal sealed class MagicInvocation(MagicCommand command, IReadOnlyList<string> positionals, IReadOnlyDictionary<string, string?> options, int line)
{
    public MagicCommand Command { get; } = command;

    public MagicSpec Spec => Command.Spec;

    public IReadOnlyList<string> Positionals { get; } = positionals;

    public int Line { get; } = line;

    public bool Has(string option) => options.ContainsKey(option);

    public string? Text(string option) => options.TryGetValue(option, out var v) ? v : null;

    public int? Count(string option) =>
        options.TryGetValue(option, out var v) && v is not null ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    public string? Positional(int index) => index < Positionals.Count ? Positionals[index] : null;
}
