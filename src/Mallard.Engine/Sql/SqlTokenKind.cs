namespace Mallard.Engine.Sql;

/// <summary>Kinds of SQL token.</summary>
public enum SqlTokenKind
{
    /// <summary>A bare word: a keyword or an unquoted name.</summary>
    Word,

    /// <summary>A name in double quotes.</summary>
    QuotedIdentifier,

    /// <summary><c>$name</c> or <c>$1</c>.</summary>
    Parameter,

    /// <summary>A string: '..', E'..' or $tag$..$tag$.</summary>
    String,

    /// <summary>A number, with its exponent.</summary>
    Number,

    /// <summary>Any other single character, ';' included.</summary>
    Symbol,

    /// <summary>A -- or /* */ comment.</summary>
    Comment,
}
