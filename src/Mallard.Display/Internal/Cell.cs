namespace Mallard.Display.Internal;

/// <summary>What a table cell shows: its text, how it aligns, and for numbers a key to sort by.</summary>
internal readonly record struct Cell(string Text, CellKind Kind, string? SortKey)
{
    public bool IsNull => Kind == CellKind.Null;

    public bool IsNumber => Kind == CellKind.Number;
}

internal enum CellKind
{
    Null,
    Number,
    Text,
}
