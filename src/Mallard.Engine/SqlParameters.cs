namespace Mallard.Engine;

/// <summary>Parameters for a query as <c>query_df(con, sql, params)</c> takes them.</summary>
public static class SqlParameters
{
    /// <summary>
    /// The names a SQL cell may take from its host's variables, in order, each once: its <c>$name</c> parameters and the
    /// unqualified table names it reads (a variable holding a frame or a list of records becomes a table of that name).
    /// A host whose variables live elsewhere (another kernel) fetches just these before it runs the cell.
    /// </summary>
    public static IReadOnlyList<string> NamesUsed(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var tokens = Sql.SqlLexer.Tokenize(sql, out _);
        return [.. Sql.SqlLexer.NamedParameters(tokens).Select(p => p.Name).Concat(Sql.SqlLexer.UnqualifiedNames(tokens)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// An anonymous object (<c>new { country = "DE" }</c>) binds its properties by name (<c>$country</c>); lists, dictionaries and
    /// single values pass as they are (a list binds <c>?</c> or <c>$1</c> in order).
    /// </summary>
    public static object? FromObject(object? parameters)
    {
        if (parameters is null or string or System.Collections.IEnumerable) return parameters;
        var type = parameters.GetType();
        if (type.IsPrimitive || type.IsEnum || parameters is decimal or DateTime or DateOnly or Guid) return parameters;
        return type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .ToDictionary(p => p.Name, p => p.GetValue(parameters), StringComparer.OrdinalIgnoreCase);
    }
}
