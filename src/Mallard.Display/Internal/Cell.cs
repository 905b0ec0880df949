namespace Mallard.Display.Internal;

/// <summary>What a table cell shows: its text, how it aligns, and for numbers a key to sort by.</summary>
internal readonly record struct Cell(string Text, CellKind Kind, string? SortKey)
{
    public bool IsNull => Kind == CellKind.Null;

    public bool IsNumber => Kind == CellKind.Number;

    public bool IsDate => Kind == CellKind.Date;
}

internal enum CellKind
{
    Null,
    Number,
    Text,

    /// <summary>A date or month: never wrapped, sorted by its day.</summary>
    Date,
}
