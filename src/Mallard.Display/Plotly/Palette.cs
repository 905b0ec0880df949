namespace Mallard.Display.Plotly;

/// <summary>Mallard's chart colors, in the order series take them.</summary>
public static class Palette
{
    /// <summary>Ten distinguishable colors, readable on white.</summary>
    public static IReadOnlyList<string> Default { get; } = Array.AsReadOnly(
    [
        "#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6",
        "#06b6d4", "#ec4899", "#84cc16", "#64748b", "#f97316",
    ]);

    /// <summary>The color of the <paramref name="index"/>th series (cycling).</summary>
    public static string At(int index) => Default[((index % Default.Count) + Default.Count) % Default.Count];
}
