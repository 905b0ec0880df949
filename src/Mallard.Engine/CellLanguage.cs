namespace Mallard.Engine;

/// <summary>The language a cell without a language magic is run as.</summary>
public enum CellLanguage
{
    /// <summary>C# script (Roslyn).</summary>
    CSharp,

    /// <summary>SQL on the current connection.</summary>
    Sql,
}
