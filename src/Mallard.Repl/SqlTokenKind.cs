namespace Mallard.Repl;

/// <summary>What a piece of SQL text is, for highlighting and for splitting a script into statements.</summary>
internal enum SqlTokenKind
{
    Word,
    Keyword,
    Number,
    String,
    QuotedName,
    Comment,
    Parameter,
    Semicolon,
    Whitespace,
    Other,
}
