namespace Mallard.Engine.Magics;

/// <summary>What follows a magic's line in the cell.</summary>
internal enum MagicBody
{
    /// <summary>Nothing, or further magic and code run as a cell of their own.</summary>
    Rest,

    /// <summary>SQL statements.</summary>
    Sql,

    /// <summary>C# code.</summary>
    CSharp,
}
