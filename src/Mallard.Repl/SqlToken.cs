namespace Mallard.Repl;

/// <summary>A run of SQL text of one kind: <see cref="Start"/> and <see cref="Length"/> index into the text it came from.</summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, int Start, int Length);
