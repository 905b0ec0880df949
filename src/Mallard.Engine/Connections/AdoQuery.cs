using System.Data.Common;
using Mallard.Data;
using Mallard.Engine.Sql;

namespace Mallard.Engine.Connections;

/// <summary>Runs SQL on any ADO.NET provider and reads the last result set into a frame.</summary>
internal static partial class AdoQuery
{
    public static Frame Run(DbConnection connection, string sql, IReadOnlyDictionary<string, object?> parameters, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        // $name placeholders become the @name form ADO.NET providers bind; values travel as parameters, never as text.
        command.CommandText = parameters.Count == 0 ? sql : ToAtNames(sql);
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        using var registration = cancellationToken.Register(() =>
        {
            try
            {
                command.Cancel();
            }
            catch (DbException)
            {
                // Already finished.
            }
        });
        using var reader = command.ExecuteReader();
        Frame? last = null;
        do
        {
            if (reader.FieldCount == 0) continue;
            last = Read(reader, cancellationToken);
        }
        while (reader.NextResult());
        cancellationToken.ThrowIfCancellationRequested();
        return last ?? Frame.Empty;
    }

    private static Frame Read(DbDataReader reader, CancellationToken cancellationToken)
    {
        var count = reader.FieldCount;
        var values = new List<object?>[count];
        for (var c = 0; c < count; c++) values[c] = [];
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var c = 0; c < count; c++) values[c].Add(reader.IsDBNull(c) ? null : reader.GetValue(c));
        }
        var columns = new Column[count];
        for (var c = 0; c < count; c++)
        {
            var type = reader.GetFieldType(c);
            var name = reader.GetName(c);
            try
            {
                columns[c] = DeclaredDecimal(reader.GetDataTypeName(c)) is { } declared && type == typeof(decimal)
                    ? DecimalColumn.Create(name, declared, [.. values[c].Select(v => (decimal?)v)])
                    : Column.FromValues(name, type, values[c]);
            }
            catch (NotSupportedException)
            {
                columns[c] = StringColumn.Create(name, [.. values[c].Select(v => v?.ToString())]);
            }
            catch (InvalidCastException)
            {
                columns[c] = StringColumn.Create(name, [.. values[c].Select(v => v?.ToString())]);
            }
        }
        return new Frame(columns);
    }

    /// <summary>
    /// The DECIMAL type a column was declared with, when the provider names it with its precision and scale (Npgsql's
    /// <c>numeric(18,2)</c> for a table's column); null otherwise, and the values' own scale decides.
    /// </summary>
    private static DataType? DeclaredDecimal(string typeName)
    {
        var match = DecimalTypeName().Match(typeName);
        if (!match.Success) return null;
        var precision = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var scale = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        return precision is >= 1 and <= 38 && scale <= precision ? DataType.Decimal(precision, scale) : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:numeric|decimal)\s*\(\s*(\d{1,2})\s*,\s*(\d{1,2})\s*\)\s*$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex DecimalTypeName();

    private static string ToAtNames(string sql)
    {
        var tokens = SqlLexer.Tokenize(sql, out _);
        var sb = new System.Text.StringBuilder(sql.Length);
        var last = 0;
        foreach (var t in tokens)
        {
            if (t.Kind != SqlTokenKind.Parameter || char.IsDigit(t.Text[1])) continue;
            sb.Append(sql, last, t.Start - last).Append('@').Append(t.Text, 1, t.Text.Length - 1);
            last = t.End;
        }
        return sb.Append(sql, last, sql.Length - last).ToString();
    }
}
