namespace Mallard.Engine.Magics;

/// <summary>One <c>--option</c> a magic accepts.</summary>
internal sealed record MagicOption(string Name, MagicOptionKind Kind, string Help, string? ValueName = null)
{
    public string Usage => Kind == MagicOptionKind.Flag ? "--" + Name : $"--{Name} {ValueName ?? "VALUE"}";
}
