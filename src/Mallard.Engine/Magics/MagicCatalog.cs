namespace Mallard.Engine.Magics;

/// <summary>Every magic the engine knows: the <see cref="MagicCommand"/> subclasses of this assembly, in their order.</summary>
internal static class MagicCatalog
{
    /// <summary>The magics, in <see cref="MagicCommand.Order"/>.</summary>
    public static IReadOnlyList<MagicCommand> Commands { get; } =
    [
        .. typeof(MagicCommand).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(MagicCommand)) && !t.IsAbstract)
            .Select(t => (MagicCommand)Activator.CreateInstance(t)!)
            .OrderBy(c => c.Order),
    ];

    /// <summary>The magics' specs, in order.</summary>
    public static IReadOnlyList<MagicSpec> All { get; } = [.. Commands.Select(c => c.Spec)];

    /// <summary>How each magic may be written: <c>#!name</c>, and <c>%%name</c> for those that allow it.</summary>
    public static IReadOnlyList<string> Forms { get; } =
        [.. All.Select(s => "#!" + s.Name), .. All.Where(s => s.AllowsPercentForm).Select(s => "%%" + s.Name)];

    /// <summary>The magic of that name or alias (case-insensitive, without <c>#!</c>), or null.</summary>
    public static MagicCommand? Find(string name) => Commands.FirstOrDefault(m => m.Spec.IsNamed(name));
}
