using System.Runtime.InteropServices;
using Mallard.Data;
using Mallard.DuckDb.Interop;

namespace Mallard.DuckDb.Reading;

/// <summary>A result column's logical type as read once from DuckDB, with the physical layout its vectors use.</summary>
internal sealed class ColumnSpec
{
    private ColumnSpec(DuckDbTypeId typeId, DataType type, DuckDbTypeId physical, IReadOnlyList<ColumnSpec> children)
    {
        TypeId = typeId;
        Type = type;
        Physical = physical;
        Children = children;
    }

    public DuckDbTypeId TypeId { get; }

    public DataType Type { get; }

    /// <summary>The storage of DECIMAL and ENUM values (an integer type id); otherwise <see cref="TypeId"/>.</summary>
    public DuckDbTypeId Physical { get; }

    /// <summary>Element (LIST, ARRAY), fields (STRUCT), or the key/value struct entry (MAP).</summary>
    public IReadOnlyList<ColumnSpec> Children { get; }

    /// <summary>Reads a logical type (not destroyed here).</summary>
    public static unsafe ColumnSpec Read(nint logicalType, string columnName)
    {
        var id = NativeMethods.GetTypeId(logicalType);
        switch (id)
        {
            case DuckDbTypeId.Boolean: return Simple(id, DataType.Boolean);
            case DuckDbTypeId.TinyInt: return Simple(id, DataType.Int8);
            case DuckDbTypeId.SmallInt: return Simple(id, DataType.Int16);
            case DuckDbTypeId.Integer: return Simple(id, DataType.Int32);
            case DuckDbTypeId.BigInt: return Simple(id, DataType.Int64);
            case DuckDbTypeId.UTinyInt: return Simple(id, DataType.UInt8);
            case DuckDbTypeId.USmallInt: return Simple(id, DataType.UInt16);
            case DuckDbTypeId.UInteger: return Simple(id, DataType.UInt32);
            case DuckDbTypeId.UBigInt: return Simple(id, DataType.UInt64);
            case DuckDbTypeId.HugeInt: return Simple(id, DataType.Int128);
            case DuckDbTypeId.UHugeInt: return Simple(id, DataType.UInt128);
            case DuckDbTypeId.Float: return Simple(id, DataType.Float);
            case DuckDbTypeId.Double: return Simple(id, DataType.Double);
            case DuckDbTypeId.Varchar: return Simple(id, DataType.Varchar);
            case DuckDbTypeId.Blob: return Simple(id, DataType.Blob);
            case DuckDbTypeId.Date: return Simple(id, DataType.Date);
            case DuckDbTypeId.Time: return Simple(id, DataType.Time);
            case DuckDbTypeId.TimeNs: return Simple(id, DataType.TimeNs);
            case DuckDbTypeId.TimeTz: return Simple(id, DataType.TimeTz);
            case DuckDbTypeId.Timestamp: return Simple(id, DataType.Timestamp);
            case DuckDbTypeId.TimestampS: return Simple(id, DataType.TimestampOf(TimeUnit.Seconds));
            case DuckDbTypeId.TimestampMs: return Simple(id, DataType.TimestampOf(TimeUnit.Milliseconds));
            case DuckDbTypeId.TimestampNs: return Simple(id, DataType.TimestampOf(TimeUnit.Nanoseconds));
            case DuckDbTypeId.TimestampTz: return Simple(id, DataType.TimestampTz);
            case DuckDbTypeId.Interval: return Simple(id, DataType.Interval);
            case DuckDbTypeId.Uuid: return Simple(id, DataType.Uuid);
            case DuckDbTypeId.Decimal:
            {
                var width = NativeMethods.DecimalWidth(logicalType);
                var scale = NativeMethods.DecimalScale(logicalType);
                return new ColumnSpec(id, DataType.Decimal(width, scale), NativeMethods.DecimalInternalType(logicalType), []);
            }
            case DuckDbTypeId.Enum:
            {
                var size = NativeMethods.EnumDictionarySize(logicalType);
                var values = new string[size];
                for (var i = 0u; i < size; i++) values[i] = TakeString(NativeMethods.EnumDictionaryValue(logicalType, i));
                return new ColumnSpec(id, DataType.Enum(values), NativeMethods.EnumInternalType(logicalType), []);
            }
            case DuckDbTypeId.List:
            {
                using var child = new LogicalTypeScope(NativeMethods.ListTypeChildType(logicalType));
                var element = Read(child.Native, columnName);
                return new ColumnSpec(id, DataType.List(element.Type), id, [element]);
            }
            case DuckDbTypeId.Array:
            {
                using var child = new LogicalTypeScope(NativeMethods.ArrayTypeChildType(logicalType));
                var element = Read(child.Native, columnName);
                var size = checked((int)NativeMethods.ArrayTypeArraySize(logicalType));
                return new ColumnSpec(id, DataType.Array(element.Type, size), id, [element]);
            }
            case DuckDbTypeId.Struct:
            {
                var count = (int)NativeMethods.StructTypeChildCount(logicalType);
                var children = new ColumnSpec[count];
                var fields = new StructField[count];
                for (var i = 0; i < count; i++)
                {
                    var name = TakeString(NativeMethods.StructTypeChildName(logicalType, (ulong)i));
                    using var child = new LogicalTypeScope(NativeMethods.StructTypeChildType(logicalType, (ulong)i));
                    children[i] = Read(child.Native, columnName);
                    fields[i] = new StructField(name, children[i].Type);
                }
                return new ColumnSpec(id, DataType.Struct(fields), id, children);
            }
            case DuckDbTypeId.Map:
            {
                using var keyType = new LogicalTypeScope(NativeMethods.MapTypeKeyType(logicalType));
                using var valueType = new LogicalTypeScope(NativeMethods.MapTypeValueType(logicalType));
                var key = Read(keyType.Native, columnName);
                var value = Read(valueType.Native, columnName);
                var entry = new ColumnSpec(DuckDbTypeId.Struct, DataType.Struct([new StructField("key", key.Type), new StructField("value", value.Type)]), DuckDbTypeId.Struct, [key, value]);
                return new ColumnSpec(id, DataType.Map(key.Type, value.Type), id, [entry]);
            }
            default:
                throw new NotSupportedException(
                    $"Column '{columnName}' has DuckDB type {id.ToString().ToUpperInvariant()}, which Mallard cannot read yet; cast it in SQL (for example to VARCHAR).");
        }
    }

    private static ColumnSpec Simple(DuckDbTypeId id, DataType type) => new(id, type, id, []);

    internal static unsafe string TakeString(byte* owned)
    {
        try
        {
            return Marshal.PtrToStringUTF8((nint)owned) ?? "";
        }
        finally
        {
            NativeMethods.Free(owned);
        }
    }
}
