namespace Mallard.Engine;

/// <summary>The family of a cell's error.</summary>
public enum CellErrorKind
{
    /// <summary>A magic line was malformed: unknown magic or option, missing or bad value.</summary>
    Magic,

    /// <summary>The SQL failed in the database (parse, bind, catalog, constraint...).</summary>
    Sql,

    /// <summary>The C# did not compile.</summary>
    Compilation,

    /// <summary>The C# threw at run time.</summary>
    Runtime,

    /// <summary>The cell was interrupted.</summary>
    Interrupted,

    /// <summary>A connection could not be opened or used.</summary>
    Connection,
}
