namespace Mallard.Engine.Magics.Commands;

/// <summary><c>#!mssql</c>: a SQL Server T-SQL cell from Polyglot Notebooks, which Mallard does not run.</summary>
internal sealed class MsSqlMagic() : OtherLanguageMagic("mssql", "SQL Server T-SQL", 204);
