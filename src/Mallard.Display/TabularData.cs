using System.Runtime.CompilerServices;
using Mallard.Data;
using Microsoft.DotNet.Interactive.Formatting.TabularData;

namespace Mallard.Display;

/// <summary>
/// Results in the form Polyglot's SQL kernels share them (<c>#!share --from NAME x</c> gives a list of
/// <see cref="TabularDataResource"/>, one per result), and back to a <see cref="Frame"/> in one call.
/// </summary>
public static class TabularData
{
    private static readonly ConditionalWeakTable<TabularDataResource, Frame> Origins = [];

    /// <summary>The frame as a <see cref="TabularDataResource"/>: its schema and its rows as name/value pairs.</summary>
    public static TabularDataResource ToTabularDataResource(this Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var schema = new TableSchema();
        foreach (var column in frame.Columns) schema.Fields.Add(new TableSchemaFieldDescriptor(column.Name, FieldType(column.Type.Kind)));
        var rows = new List<List<KeyValuePair<string, object>>>(frame.RowCount);
        for (var r = 0; r < frame.RowCount; r++)
        {
            var row = new List<KeyValuePair<string, object>>(frame.ColumnCount);
            foreach (var column in frame.Columns) row.Add(new(column.Name, column.GetValue(r)!));
            rows.Add(row);
        }
        var resource = new TabularDataResource(schema, rows);
        Origins.AddOrUpdate(resource, frame);
        return resource;
    }

    /// <summary>
    /// The table as a <see cref="Frame"/>: the very frame a Mallard SQL kernel made it from, with its exact column types; for any
    /// other table, columns typed by their first non-null value (all-null columns as text).
    /// </summary>
    public static Frame ToFrame(this TabularDataResource table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (Origins.TryGetValue(table, out var frame)) return frame;
        var names = table.Schema.Fields.Select(f => f.Name).ToList();
        var values = names.Select(_ => new List<object?>()).ToList();
        foreach (var row in table.Data)
        {
            var cells = row.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            for (var c = 0; c < names.Count; c++) values[c].Add(cells.TryGetValue(names[c], out var v) ? v : null);
        }
        return new Frame(names.Select((name, c) =>
        {
            var first = values[c].FirstOrDefault(v => v is not null and not DBNull);
            return Column.FromValues(name, first?.GetType() ?? typeof(string), values[c]);
        }));
    }

    /// <summary>The last table of a shared SQL result (the one the cell showed) as a <see cref="Frame"/>.</summary>
    public static Frame ToFrame(this IEnumerable<TabularDataResource> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var last = tables.LastOrDefault() ?? throw new InvalidOperationException("The SQL result holds no table.");
        return last.ToFrame();
    }

    private static TableSchemaFieldType FieldType(DataKind kind) => kind switch
    {
        DataKind.Boolean => TableSchemaFieldType.Boolean,
        DataKind.Int8 or DataKind.Int16 or DataKind.Int32 or DataKind.Int64 or DataKind.UInt8 or DataKind.UInt16 or DataKind.UInt32
            or DataKind.UInt64 or DataKind.Int128 or DataKind.UInt128 => TableSchemaFieldType.Integer,
        DataKind.Float or DataKind.Double or DataKind.Decimal => TableSchemaFieldType.Number,
        DataKind.Varchar or DataKind.Enum or DataKind.Uuid => TableSchemaFieldType.String,
        DataKind.Date or DataKind.Timestamp or DataKind.TimestampTz => TableSchemaFieldType.DateTime,
        DataKind.List or DataKind.Array => TableSchemaFieldType.Array,
        DataKind.Struct or DataKind.Map => TableSchemaFieldType.Object,
        _ => TableSchemaFieldType.Any,
    };
}
