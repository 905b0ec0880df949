namespace Mallard.Engine.Sql;

/// <summary>Kinds of SQL token the engine cares about.</summary>
internal enum SqlTokenKind
{
    Word,
    QuotedIdentifier,
    Parameter,
    String,
    Number,
    Symbol,
    Comment,
}
