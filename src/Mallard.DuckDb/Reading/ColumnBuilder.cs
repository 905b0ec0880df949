using Mallard.Data;
using Mallard.DuckDb.Interop;

namespace Mallard.DuckDb.Reading;

/// <summary>
/// Accumulates one column's values from DuckDB vectors, chunk after chunk, into the buffers of a
/// <see cref="Column"/>. One builder per column, chosen once from its type; values are copied in bulk.
/// Top-level builders are sized exactly before the first append; nested ones grow.
/// </summary>
internal abstract unsafe class ColumnBuilder
{
    private ulong[]? _validity;

    protected ColumnBuilder(ColumnSpec spec) => Spec = spec;

    public ColumnSpec Spec { get; }

    public int Count { get; private set; }

    protected int Capacity { get; private set; }

    /// <summary>Creates the builder for a column type.</summary>
    public static ColumnBuilder For(ColumnSpec spec)
    {
        var type = spec.Type;
        return spec.TypeId switch
        {
            DuckDbTypeId.Boolean => Fixed<bool>(spec),
            DuckDbTypeId.TinyInt => Fixed<sbyte>(spec),
            DuckDbTypeId.SmallInt => Fixed<short>(spec),
            DuckDbTypeId.Integer => Fixed<int>(spec),
            DuckDbTypeId.BigInt => Fixed<long>(spec),
            DuckDbTypeId.UTinyInt => Fixed<byte>(spec),
            DuckDbTypeId.USmallInt => Fixed<ushort>(spec),
            DuckDbTypeId.UInteger => Fixed<uint>(spec),
            DuckDbTypeId.UBigInt => Fixed<ulong>(spec),
            DuckDbTypeId.HugeInt => Fixed<Int128>(spec),
            DuckDbTypeId.UHugeInt => Fixed<UInt128>(spec),
            DuckDbTypeId.Float => Fixed<float>(spec),
            DuckDbTypeId.Double => Fixed<double>(spec),
            DuckDbTypeId.Interval => Fixed<Interval>(spec),
            DuckDbTypeId.Date => new FixedBuilder<int>(spec, (n, v, c, m) => new DateColumn(n, v, c, m)),
            DuckDbTypeId.Time or DuckDbTypeId.TimeNs => new FixedBuilder<long>(spec, (n, v, c, m) => new TimeColumn(n, type, v, c, m)),
            DuckDbTypeId.TimeTz => new FixedBuilder<ulong>(spec, (n, v, c, m) => new TimeTzColumn(n, v, c, m)),
            DuckDbTypeId.Timestamp or DuckDbTypeId.TimestampS or DuckDbTypeId.TimestampMs or DuckDbTypeId.TimestampNs or DuckDbTypeId.TimestampTz =>
                new FixedBuilder<long>(spec, (n, v, c, m) => new TimestampColumn(n, type, v, c, m)),
            DuckDbTypeId.Decimal => spec.Physical switch
            {
                DuckDbTypeId.SmallInt => new WideningBuilder<short, long>(spec, static v => v, (n, v, c, m) => new DecimalColumn(n, type, v, c, m)),
                DuckDbTypeId.Integer => new WideningBuilder<int, long>(spec, static v => v, (n, v, c, m) => new DecimalColumn(n, type, v, c, m)),
                DuckDbTypeId.BigInt => new FixedBuilder<long>(spec, (n, v, c, m) => new DecimalColumn(n, type, v, c, m)),
                _ => new FixedBuilder<Int128>(spec, (n, v, c, m) => new DecimalColumn(n, type, v, c, m)),
            },
            DuckDbTypeId.Enum => spec.Physical switch
            {
                DuckDbTypeId.UTinyInt => new WideningBuilder<byte, uint>(spec, static v => v, (n, v, c, m) => new EnumColumn(n, type, v, c, m)),
                DuckDbTypeId.USmallInt => new WideningBuilder<ushort, uint>(spec, static v => v, (n, v, c, m) => new EnumColumn(n, type, v, c, m)),
                _ => new FixedBuilder<uint>(spec, (n, v, c, m) => new EnumColumn(n, type, v, c, m)),
            },
            DuckDbTypeId.Uuid => new WideningBuilder<UInt128, Guid>(spec, UuidFromStorage, (n, v, c, m) => new PrimitiveColumn<Guid>(n, DataType.Uuid, v, c, m)),
            DuckDbTypeId.Varchar => new VarLengthBuilder(spec, blob: false),
            DuckDbTypeId.Blob => new VarLengthBuilder(spec, blob: true),
            DuckDbTypeId.List or DuckDbTypeId.Map => new ListBuilder(spec),
            DuckDbTypeId.Array => new ArrayBuilder(spec),
            DuckDbTypeId.Struct => new StructBuilder(spec),
            _ => throw new NotSupportedException($"Mallard cannot read DuckDB type {spec.TypeId} yet; cast it in SQL."),
        };
    }

    /// <summary>DuckDB stores a UUID as a HUGEINT with the top bit flipped, so that UUIDs sort as their text does.</summary>
    internal static Guid UuidFromStorage(UInt128 stored)
    {
        var upper = (ulong)(stored >> 64) ^ 0x8000_0000_0000_0000UL;
        var lower = (ulong)stored;
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, upper);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], lower);
        return new Guid(bytes, bigEndian: true);
    }

    private static FixedBuilder<T> Fixed<T>(ColumnSpec spec)
        where T : unmanaged => new(spec, (n, v, c, m) => new PrimitiveColumn<T>(n, spec.Type, v, c, m));

    /// <summary>Sets the exact number of rows to come (top level) so buffers are allocated once.</summary>
    public void Reserve(int rows)
    {
        if (rows > Capacity) Grow(rows, exact: true);
    }

    /// <summary>Counts what variable-length data a vector will add, before <see cref="Reserve"/> allocates.</summary>
    public virtual void Measure(nint vector, int start, int rows)
    {
    }

    /// <summary>Appends rows [start, start+rows) of <paramref name="vector"/>.</summary>
    public void Append(nint vector, int start, int rows)
    {
        if (rows == 0) return;
        if (Count + rows > Capacity) Grow(Count + rows, exact: false);
        CopyNulls(NativeMethods.VectorGetValidity(vector), start, rows, Count, Capacity, ref _validity);
        AppendValues(vector, start, rows);
        Count += rows;
    }

    /// <summary>
    /// True when rows can be written out of order, each chunk at a given row of buffers reserved for the whole result
    /// (<see cref="RangeCopy"/>): fixed-width and text columns. Nested columns only append.
    /// </summary>
    public virtual bool WritesAtRow => false;

    /// <summary>
    /// Writes a whole vector of <paramref name="rows"/> rows at row <paramref name="at"/> of the buffers <see cref="Reserve"/>
    /// sized; its NULLs go to <paramref name="nulls"/>, the writing thread's own bitmap, so two threads never share a word.
    /// <paramref name="fromEnd"/>: written by the thread that reads the result from its last chunk back.
    /// </summary>
    public void WriteAt(nint vector, int rows, int at, bool fromEnd, ref ulong[]? nulls)
    {
        CopyNulls(NativeMethods.VectorGetValidity(vector), 0, rows, at, Capacity, ref nulls);
        WriteValuesAt(vector, rows, at, fromEnd);
    }

    /// <summary>
    /// Ends a result written with <see cref="WriteAt"/>: every reserved row is written, rows below
    /// <paramref name="frontRows"/> by the thread that read from the first chunk on; each thread's NULLs are combined.
    /// </summary>
    public void CompleteRows(int frontRows, ulong[]? frontNulls, ulong[]? backNulls)
    {
        if (frontNulls is not null && backNulls is not null)
        {
            for (var i = 0; i < frontNulls.Length; i++) frontNulls[i] &= backNulls[i];
        }
        _validity = frontNulls ?? backNulls;
        Count = Capacity;
        CompleteValues(frontRows);
    }

    public abstract Column Build(string name);

    protected abstract void AppendValues(nint vector, int start, int rows);

    /// <summary>Copies a whole vector's values to rows [at, at+rows); see <see cref="WriteAt"/>.</summary>
    protected virtual void WriteValuesAt(nint vector, int rows, int at, bool fromEnd) =>
        throw new NotSupportedException($"A {Spec.Type.Name} column is read in order only.");

    /// <summary>Joins what the two threads of <see cref="CompleteRows"/> wrote apart, where a column needs it.</summary>
    protected virtual void CompleteValues(int frontRows)
    {
    }

    /// <summary>Makes room for at least <paramref name="capacity"/> rows in the value buffers.</summary>
    protected abstract void GrowValues(int capacity);

    protected ulong[]? BuildValidity() => _validity;

    protected static bool IsValid(ulong* bits, int row) => bits is null || ((bits[row >> 6] >> (row & 63)) & 1) != 0;

    private void Grow(int needed, bool exact)
    {
        var capacity = exact ? needed : Math.Max(needed, Math.Max(16, Capacity * 2));
        GrowValues(capacity);
        if (_validity is not null)
        {
            var old = _validity.Length;
            var words = Validity.WordCount(capacity);
            if (words > old)
            {
                Array.Resize(ref _validity, words);
                _validity.AsSpan(old).Fill(ulong.MaxValue);
            }
        }
        Capacity = capacity;
    }

    /// <summary>
    /// Clears, in <paramref name="target"/>, the bits of rows [at, at+rows) that are NULL in rows [start, start+rows) of DuckDB's
    /// validity mask; the bitmap (of <paramref name="capacity"/> rows) is made at the first NULL.
    /// </summary>
    private static void CopyNulls(ulong* bits, int start, int rows, int at, int capacity, ref ulong[]? target)
    {
        if (bits is null) return;
        for (var i = 0; i < rows;)
        {
            var row = start + i;
            var word = bits[row >> 6];
            var bit = row & 63;
            if (bit == 0 && rows - i >= 64 && word == ulong.MaxValue)
            {
                i += 64;
                continue;
            }
            if (((word >> bit) & 1) == 0)
            {
                if (target is null)
                {
                    target = new ulong[Validity.WordCount(capacity)];
                    target.AsSpan().Fill(ulong.MaxValue);
                }
                var index = at + i;
                target[index >> 6] &= ~(1UL << (index & 63));
            }
            i++;
        }
    }
}
