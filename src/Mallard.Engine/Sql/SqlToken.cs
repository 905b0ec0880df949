namespace Mallard.Engine.Sql;

/// <summary>One token of SQL text: its kind, where it starts and its text.</summary>
public readonly record struct SqlToken(SqlTokenKind Kind, int Start, string Text)
{
    /// <summary>The offset just after the token.</summary>
    public int End => Start + Text.Length;
}
