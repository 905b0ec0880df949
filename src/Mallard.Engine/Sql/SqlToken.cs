namespace Mallard.Engine.Sql;

/// <summary>One token of SQL text: its kind, where it starts and its text.</summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, int Start, string Text)
{
    public int End => Start + Text.Length;
}
