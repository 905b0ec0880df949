using Mallard.Data;
using Npgsql;
using NpgsqlTypes;

namespace Mallard.Warehouse.Internal;

/// <summary>
/// A warehouse column as PostgreSQL gets it: its type there, kept exact (DECIMAL(p,s) stays NUMERIC(p,s), DATE stays date,
/// TIMESTAMP stays timestamp without time zone), and the writer that puts a chunk's values into a binary COPY.
/// </summary>
internal sealed class PostgresColumn
{
    private PostgresColumn(string name, string typeName, NpgsqlDbType dbType)
    {
        Name = name;
        TypeName = typeName;
        DbType = dbType;
    }

    public string Name { get; }

    /// <summary>The column's type in PostgreSQL's own words, for CREATE TABLE.</summary>
    public string TypeName { get; }

    private NpgsqlDbType DbType { get; }

    /// <summary>The PostgreSQL form of <paramref name="column"/> (its name and DuckDB type); throws when there is none.</summary>
    public static PostgresColumn For(string table, Column column)
    {
        var (typeName, dbType) = Map(column.Type)
            ?? throw new WarehousePublishException($"The column {table}.{column.Name} has the type {column.Type.Name}, which publishing to PostgreSQL does not map.");
        return new PostgresColumn(column.Name, typeName, dbType);
    }

    private static (string, NpgsqlDbType)? Map(DataType type) => type.Kind switch
    {
        DataKind.Boolean => ("boolean", NpgsqlDbType.Boolean),
        DataKind.Int8 or DataKind.Int16 or DataKind.UInt8 => ("smallint", NpgsqlDbType.Smallint),
        DataKind.Int32 or DataKind.UInt16 => ("integer", NpgsqlDbType.Integer),
        DataKind.Int64 or DataKind.UInt32 => ("bigint", NpgsqlDbType.Bigint),
        DataKind.Float => ("real", NpgsqlDbType.Real),
        DataKind.Double => ("double precision", NpgsqlDbType.Double),
        DataKind.Decimal => (FormattableString.Invariant($"numeric({type.Precision}, {type.Scale})"), NpgsqlDbType.Numeric),
        DataKind.Varchar or DataKind.Enum => ("text", NpgsqlDbType.Text),
        DataKind.Blob => ("bytea", NpgsqlDbType.Bytea),
        DataKind.Date => ("date", NpgsqlDbType.Date),
        DataKind.Time => ("time", NpgsqlDbType.Time),
        DataKind.Timestamp => ("timestamp", NpgsqlDbType.Timestamp),
        DataKind.TimestampTz => ("timestamp with time zone", NpgsqlDbType.TimestampTz),
        DataKind.Uuid => ("uuid", NpgsqlDbType.Uuid),
        DataKind.List or DataKind.Array when type.ElementType is { Kind: not (DataKind.List or DataKind.Array) } element && Map(element) is { } inner
            => (inner.Item1 + "[]", NpgsqlDbType.Array | inner.Item2),
        _ => null,
    };

    /// <summary>What writes row <c>i</c> of <paramref name="column"/> (this column's values in one chunk) into a COPY.</summary>
    public Action<NpgsqlBinaryImporter, int> Writer(Column column) => column switch
    {
        PrimitiveColumn<long> c => (w, i) => { if (c.IsNull(i)) w.WriteNull(); else w.Write(c[i], NpgsqlDbType.Bigint); },
        PrimitiveColumn<int> c => (w, i) => { if (c.IsNull(i)) w.WriteNull(); else w.Write(c[i], NpgsqlDbType.Integer); },
        PrimitiveColumn<double> c => (w, i) => { if (c.IsNull(i)) w.WriteNull(); else w.Write(c[i], NpgsqlDbType.Double); },
        PrimitiveColumn<bool> c => (w, i) => { if (c.IsNull(i)) w.WriteNull(); else w.Write(c[i], NpgsqlDbType.Boolean); },
        DecimalColumn c => (w, i) => { if (c.IsNull(i)) w.WriteNull(); else w.Write(c[i], NpgsqlDbType.Numeric); },
        StringColumn c => (w, i) => { if (c[i] is { } s) w.Write(s, NpgsqlDbType.Text); else w.WriteNull(); },
        DateColumn c => (w, i) => { if (c.IsNull(i)) w.WriteNull(); else w.Write(c[i], NpgsqlDbType.Date); },
        TimestampColumn c => (w, i) => { if (c.IsNull(i)) w.WriteNull(); else w.Write(c[i], DbType); },
        _ => (w, i) =>
        {
            if (column.GetValue(i) is not { } value) w.WriteNull();
            else w.Write(Convert(value), DbType);
        },
    };

    /// <summary>A value of a column without a typed writer, as Npgsql writes it for the column's type.</summary>
    private static object Convert(object value) => value switch
    {
        sbyte v => (short)v,
        byte v => (short)v,
        ushort v => (int)v,
        uint v => (long)v,
        IReadOnlyList<object?> list => list.Select(e => e is null ? null : Convert(e)).ToArray() switch
        {
            var items when items.All(e => e is null or string) => items.Select(e => (string?)e).ToArray(),
            var items when items.All(e => e is null or long) => items.Select(e => (long?)e).ToArray(),
            var items when items.All(e => e is null or int) => items.Select(e => (int?)e).ToArray(),
            var items when items.All(e => e is null or double) => items.Select(e => (double?)e).ToArray(),
            var items => items,
        },
        _ => value,
    };
}
