using System.Data.SqlTypes;
using System.Globalization;
using Mallard.Data;

namespace Mallard.DuckDb.Tests;

/// <summary>Every DuckDB type read from SQL literals, bound as a parameter and read back, and as NULL.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class TypeRoundTripTests : IDisposable
{
    private readonly DuckDbConnection _connection;

    public TypeRoundTripTests(DatabaseFixture fixture) => _connection = fixture.Connect();

    public void Dispose() => _connection.Dispose();

    private static readonly string Long = string.Concat(Enumerable.Range(0, 2_000).Select(i => (char)('a' + (i % 26))));

    /// <summary>SQL type, a literal of it, the .NET value it reads as, and whether that value binds back to the same SQL value.</summary>
    private static readonly (string Type, string Literal, object Value, bool Binds)[] Cases =
    [
        ("BOOLEAN", "true", true, true),
        ("BOOLEAN", "false", false, true),
        ("TINYINT", "-128", sbyte.MinValue, true),
        ("TINYINT", "127", sbyte.MaxValue, true),
        ("SMALLINT", "-32768", short.MinValue, true),
        ("SMALLINT", "32767", short.MaxValue, true),
        ("INTEGER", "-2147483648", int.MinValue, true),
        ("INTEGER", "2147483647", int.MaxValue, true),
        ("BIGINT", "-9223372036854775808", long.MinValue, true),
        ("BIGINT", "9223372036854775807", long.MaxValue, true),
        ("UTINYINT", "0", byte.MinValue, true),
        ("UTINYINT", "255", byte.MaxValue, true),
        ("USMALLINT", "65535", ushort.MaxValue, true),
        ("UINTEGER", "4294967295", uint.MaxValue, true),
        ("UBIGINT", "18446744073709551615", ulong.MaxValue, true),
        ("UBIGINT", "0", ulong.MinValue, true),
        ("HUGEINT", "'-170141183460469231731687303715884105728'", Int128.MinValue, true),
        ("HUGEINT", "'170141183460469231731687303715884105727'", Int128.MaxValue, true),
        ("HUGEINT", "'-1'", Int128.NegativeOne, true),
        ("UHUGEINT", "'340282366920938463463374607431768211455'", UInt128.MaxValue, true),
        ("UHUGEINT", "'18446744073709551616'", (UInt128)ulong.MaxValue + 1, true),
        ("FLOAT", "1.5", 1.5f, true),
        ("FLOAT", "'nan'", float.NaN, true),
        ("FLOAT", "'inf'", float.PositiveInfinity, true),
        ("FLOAT", "'-inf'", float.NegativeInfinity, true),
        ("FLOAT", "3.4028235e38", float.MaxValue, true),
        ("DOUBLE", "-0.1", -0.1, true),
        ("DOUBLE", "'nan'", double.NaN, true),
        ("DOUBLE", "'inf'", double.PositiveInfinity, true),
        ("DOUBLE", "'-inf'", double.NegativeInfinity, true),
        ("DOUBLE", "1.7976931348623157e308", double.MaxValue, true),
        ("DOUBLE", "5e-324", double.Epsilon, true),
        ("DECIMAL(4,1)", "999.9", 999.9m, true),
        ("DECIMAL(4,1)", "-999.9", -999.9m, true),
        ("DECIMAL(4,3)", "0.009", 0.009m, true),
        ("DECIMAL(9,4)", "99999.9999", 99999.9999m, true),
        ("DECIMAL(9,4)", "-0.0001", -0.0001m, true),
        ("DECIMAL(18,6)", "999999999999.999999", 999999999999.999999m, true),
        ("DECIMAL(18,6)", "-999999999999.999999", -999999999999.999999m, true),
        ("DECIMAL(38,2)", "12.34", 12.34m, true),
        ("DECIMAL(38,10)", "-1234567890123456789.0123456789", -1234567890123456789.0123456789m, true),
        ("DECIMAL(38,0)", "79228162514264337593543950335", 79228162514264337593543950335m, true),
        ("DECIMAL(38,0)", "99999999999999999999999999999999999999", SqlDecimal.Parse("99999999999999999999999999999999999999"), true),
        ("DECIMAL(38,0)", "-99999999999999999999999999999999999999", SqlDecimal.Parse("-99999999999999999999999999999999999999"), true),
        ("DECIMAL(38,10)", "-9999999999999999999999999999.9999999999", SqlDecimal.Parse("-9999999999999999999999999999.9999999999"), true),
        ("DECIMAL(38,37)", "1.2345678901234567890123456789012345678", SqlDecimal.Parse("1.2345678901234567890123456789012345678"), true),
        ("VARCHAR", "''", "", true),
        ("VARCHAR", "'abcdefghijkl'", "abcdefghijkl", true),
        ("VARCHAR", "'abcdefghijklm'", "abcdefghijklm", true),
        ("VARCHAR", "'éééééé'", "éééééé", true),
        ("VARCHAR", "'ééééééa'", "ééééééa", true),
        ("VARCHAR", $"'{Long}'", Long, true),
        ("VARCHAR", "'🦆 duck'", "🦆 duck", true),
        ("VARCHAR", "'鸭子和数据库'", "鸭子和数据库", true),
        ("VARCHAR", "'cafe\u0301'", "cafe\u0301", true),
        ("VARCHAR", "'it''s; DROP TABLE x; -- no'", "it's; DROP TABLE x; -- no", true),
        ("VARCHAR", "'a' || chr(0) || 'b'", "a\0b", true),
        ("BLOB", "''", Array.Empty<byte>(), true),
        ("BLOB", "'\\x00\\x00\\x00'", new byte[] { 0, 0, 0 }, true),
        ("BLOB", "'\\x00\\x01\\xFFabcdefghijklmnop'", (byte[])[0, 1, 0xFF, .. "abcdefghijklmnop"u8], true),
        ("DATE", "'1970-01-01'", new DateOnly(1970, 1, 1), true),
        ("DATE", "'1969-12-31'", new DateOnly(1969, 12, 31), true),
        ("DATE", "'1066-10-14'", new DateOnly(1066, 10, 14), true),
        ("DATE", "'0001-01-01'", new DateOnly(1, 1, 1), true),
        ("DATE", "'9999-12-31'", new DateOnly(9999, 12, 31), true),
        ("DATE", "'infinity'", DateOnly.MaxValue, false),
        ("DATE", "'-infinity'", DateOnly.MinValue, false),
        ("TIME", "'00:00:00'", TimeOnly.MinValue, true),
        ("TIME", "'23:59:59.999999'", new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(9_999_990)), true),
        ("TIME", "'12:34:56.789'", new TimeOnly(12, 34, 56, 789), true),
        ("TIME_NS", "'12:34:56.123456'", new TimeOnly(12, 34, 56).Add(TimeSpan.FromTicks(1_234_560)), true),
        ("TIME_NS", "'12:34:56.123456789'", new TimeOnly(12, 34, 56).Add(TimeSpan.FromTicks(1_234_567)), false),
        ("TIMESTAMP", "'2024-02-29 12:34:56.123456'", new DateTime(2024, 2, 29, 12, 34, 56).AddTicks(1_234_560), true),
        ("TIMESTAMP", "'1969-07-20 20:17:40.5'", new DateTime(1969, 7, 20, 20, 17, 40, 500), true),
        ("TIMESTAMP", "'0001-01-01 00:00:00'", new DateTime(1, 1, 1), true),
        ("TIMESTAMP", "'9999-12-31 23:59:59.999999'", new DateTime(9999, 12, 31, 23, 59, 59).AddTicks(9_999_990), true),
        ("TIMESTAMP", "'infinity'", DateTime.MaxValue, false),
        ("TIMESTAMP_S", "'2024-02-29 12:34:56'", new DateTime(2024, 2, 29, 12, 34, 56), true),
        ("TIMESTAMP_S", "'1901-01-01 00:00:01'", new DateTime(1901, 1, 1, 0, 0, 1), true),
        ("TIMESTAMP_MS", "'2024-02-29 12:34:56.789'", new DateTime(2024, 2, 29, 12, 34, 56, 789), true),
        ("TIMESTAMP_MS", "'1960-06-15 08:00:00.001'", new DateTime(1960, 6, 15, 8, 0, 0, 1), true),
        ("TIMESTAMP_NS", "'2024-02-29 12:34:56.1234567'", new DateTime(2024, 2, 29, 12, 34, 56).AddTicks(1_234_567), false),
        ("TIMESTAMP_NS", "'2024-02-29 12:34:56.123456'", new DateTime(2024, 2, 29, 12, 34, 56).AddTicks(1_234_560), true),
        ("TIMESTAMP_NS", "'1969-12-31 23:59:59.5'", new DateTime(1969, 12, 31, 23, 59, 59, 500), true),
        ("TIMESTAMPTZ", "'2024-06-01 12:00:00+02'", new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.Zero), true),
        ("TIMESTAMPTZ", "'1950-01-01 00:00:00.25+00'", new DateTimeOffset(1950, 1, 1, 0, 0, 0, 250, TimeSpan.Zero), true),
        ("INTERVAL", "INTERVAL '1 year 2 months 3 days 04:05:06.789'", new Interval(14, 3, ((4 * 60 + 5) * 60 + 6) * 1_000_000L + 789_000), true),
        ("INTERVAL", "INTERVAL '-3 days -1 microsecond'", new Interval(0, -3, -1), true),
        ("INTERVAL", "INTERVAL '0 seconds'", new Interval(0, 0, 0), true),
        ("UUID", "'00000000-0000-0000-0000-000000000000'", Guid.Empty, true),
        ("UUID", "'ffffffff-ffff-ffff-ffff-ffffffffffff'", Guid.AllBitsSet, true),
        ("UUID", "'7fffffff-0000-4000-8000-000000000001'", Guid.Parse("7fffffff-0000-4000-8000-000000000001"), true),
        ("UUID", "'80000000-1234-5678-9abc-def012345678'", Guid.Parse("80000000-1234-5678-9abc-def012345678"), true),
        ("ENUM('sad', 'ok', 'happy')", "'happy'", "happy", true),
        ("ENUM('sad', 'ok', 'happy')", "'sad'", "sad", true),
        ("INTEGER[]", "[1, 2, NULL]", new object?[] { 1, 2, null }, false),
        ("INTEGER[]", "[]", Array.Empty<object?>(), false),
        ("VARCHAR[]", "['a', NULL, 'a much longer string than twelve bytes', '']", new object?[] { "a", null, "a much longer string than twelve bytes", "" }, false),
        ("INTEGER[][]", "[[1], NULL, [], [2, 3]]", new object?[] { new object?[] { 1 }, null, Array.Empty<object?>(), new object?[] { 2, 3 } }, false),
        ("STRUCT(a INTEGER, b VARCHAR)[]", "[{'a': 1, 'b': 'x'}, {'a': NULL, 'b': 'a string over twelve bytes'}, NULL]",
            new object?[] { Values.Struct(("a", 1), ("b", "x")), Values.Struct(("a", null), ("b", "a string over twelve bytes")), null }, false),
        ("STRUCT(a INTEGER, b VARCHAR, c DOUBLE[])", "{'a': NULL, 'b': NULL, 'c': [1.5]}", Values.Struct(("a", null), ("b", null), ("c", new object?[] { 1.5 })), false),
        ("STRUCT(a INTEGER, nested STRUCT(x DATE))", "{'a': 7, 'nested': {'x': DATE '2000-01-02'}}", Values.Struct(("a", 7), ("nested", Values.Struct(("x", new DateOnly(2000, 1, 2))))), false),
        ("MAP(VARCHAR, INTEGER)", "MAP {'k1': 1, 'k2': NULL}", Values.Map(("k1", 1), ("k2", null)), false),
        ("MAP(INTEGER, VARCHAR[])", "MAP {1: ['x'], 2: []}", Values.Map((1, new object?[] { "x" }), (2, Array.Empty<object?>())), false),
        ("INTEGER[3]", "[1, NULL, 3]", new object?[] { 1, null, 3 }, false),
        ("VARCHAR[2][]", "[['ab', 'a string over twelve'], ['c', NULL]]",
            new object?[] { new object?[] { "ab", "a string over twelve" }, new object?[] { "c", null } }, false),
    ];

    public static TheoryData<string, string, object> AllCases()
    {
        var data = new TheoryData<string, string, object>();
        foreach (var (type, literal, value, _) in Cases) data.Add(type, literal, value);
        return data;
    }

    public static TheoryData<string, string, object> BindableCases()
    {
        var data = new TheoryData<string, string, object>();
        foreach (var (type, literal, value, binds) in Cases.Where(c => c.Binds)) data.Add(type, literal, value);
        return data;
    }

    public static TheoryData<string> AllTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in Cases.Select(c => c.Type).Distinct()) data.Add(type);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void A_literal_reads_as_the_expected_dotnet_value(string type, string literal, object expected)
    {
        var frame = _connection.Query($"SELECT ({literal})::{type} AS v");

        Assert.Equal(1, frame.RowCount);
        Assert.False(frame[0].IsNull(0));
        Values.AssertDeepEqual(expected, frame[0].GetValue(0));
    }

    [Theory]
    [MemberData(nameof(BindableCases))]
    public void A_value_bound_as_a_parameter_is_the_same_SQL_value_and_reads_back_unchanged(string type, string literal, object value)
    {
        var frame = _connection.Query($"SELECT $1::{type} AS v, $1::{type} IS NOT DISTINCT FROM ({literal})::{type} AS same", new[] { value });

        Values.AssertDeepEqual(value, frame["v"].GetValue(0));
        Assert.Equal(true, frame["same"].GetValue(0));
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void NULL_reads_as_null_whether_written_in_SQL_or_bound(string type)
    {
        var frame = _connection.Query($"SELECT NULL::{type} AS literal, $1::{type} AS bound", new object?[] { null });

        Assert.True(frame["literal"].IsNull(0));
        Assert.Null(frame["literal"].GetValue(0));
        Assert.True(frame["bound"].IsNull(0));
        Assert.Null(frame["bound"].GetValue(0));
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void A_value_among_nulls_in_a_column_keeps_its_row(string type, string literal, object expected)
    {
        var frame = _connection.Query(
            $"SELECT i, NULL::{type} AS v FROM range(0, 5, 2) t(i) UNION ALL SELECT i, ({literal})::{type} FROM range(1, 5, 2) t(i) ORDER BY i");

        for (var row = 0; row < 5; row++)
        {
            if (row % 2 == 1) Values.AssertDeepEqual(expected, frame["v"].GetValue(row), $"row {row}");
            else Assert.True(frame["v"].IsNull(row), $"row {row} should be NULL");
        }
    }

    [Fact]
    public void A_decimal_wider_than_System_Decimal_reads_as_an_exact_SqlDecimal()
    {
        var frame = _connection.Query("SELECT '12345678901234567890123456789.123456789'::DECIMAL(38,9) AS v");

        var column = Assert.IsType<DecimalColumn>(frame[0]);
        var value = Assert.IsType<SqlDecimal>(column.GetValue(0));
        Assert.Equal("12345678901234567890123456789.123456789", value.ToString());
        Assert.Equal("12345678901234567890123456789.123456789", column.GetString(0));
    }

    [Fact]
    public void A_DateTimeOffset_parameter_keeps_its_instant_whatever_its_offset()
    {
        var local = new DateTimeOffset(2024, 3, 10, 1, 30, 0, TimeSpan.FromHours(-5));

        var frame = _connection.Query("SELECT $1 AS v, epoch_ms($1) AS ms", new object[] { local });

        Assert.Equal(local.ToUniversalTime(), frame["v"].GetValue(0));
        Assert.Equal(local.ToUnixTimeMilliseconds(), frame["ms"].GetValue(0));
    }

    [Fact]
    public void A_TimeSpan_parameter_binds_as_an_INTERVAL()
    {
        var frame = _connection.Query("SELECT $1 AS v, typeof($1) AS t", new object[] { new TimeSpan(2, 3, 4, 5, 6) });

        Assert.Equal(new Interval(0, 2, (((3 * 60) + 4) * 60 + 5) * 1_000_000L + 6_000), frame["v"].GetValue(0));
        Assert.Equal("INTERVAL", frame["t"].GetValue(0));
    }

    [Fact]
    public void A_timestamp_before_1970_with_sub_microsecond_ticks_binds_to_the_microsecond_before()
    {
        // Ticks are 100 ns: a DateTime 100 ns before midnight lies in the microsecond before midnight, not at midnight.
        var value = new DateTime(1969, 12, 31, 23, 59, 59).AddTicks(9_999_999);

        var frame = _connection.Query("SELECT $1::TIMESTAMP AS v", new object[] { value });

        Assert.Equal(new DateTime(1969, 12, 31, 23, 59, 59).AddTicks(9_999_990), frame["v"].GetValue(0));
    }

    [Fact]
    public void A_struct_like_parameter_is_refused_with_a_message_naming_the_parameter()
    {
        var error = Assert.Throws<NotSupportedException>(() => _connection.Query("SELECT $1 AS v", new object[] { new Uri("https://example.com") }));

        Assert.Contains("$1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Uri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_types_are_reported_with_their_DuckDB_names()
    {
        var frame = _connection.Query("SELECT 1::DECIMAL(9,2) AS d, [1]::INTEGER[] AS l, {'a': 1} AS s, MAP {'k': 1} AS m, [1,2]::INTEGER[2] AS a, 'x'::ENUM('x','y') AS e");

        Assert.Equal(DataKind.Decimal, frame["d"].Type.Kind);
        Assert.Equal(9, frame["d"].Type.Precision);
        Assert.Equal(2, frame["d"].Type.Scale);
        Assert.Equal(DataKind.List, frame["l"].Type.Kind);
        Assert.Equal(DataKind.Struct, frame["s"].Type.Kind);
        Assert.Equal(DataKind.Map, frame["m"].Type.Kind);
        Assert.Equal(DataKind.Array, frame["a"].Type.Kind);
        Assert.Equal(2, frame["a"].Type.ArraySize);
        Assert.Equal(DataKind.Enum, frame["e"].Type.Kind);
        Assert.Equal(["x", "y"], frame["e"].Type.EnumValues);
    }

    [Fact]
    public void A_type_Mallard_cannot_read_is_refused_with_advice_to_cast()
    {
        var error = Assert.Throws<NotSupportedException>(() => _connection.Query("SELECT '101'::BIT AS bits"));

        Assert.Contains("bits", error.Message, StringComparison.Ordinal);
        Assert.Contains("cast", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("101", _connection.Query("SELECT '101'::BIT::VARCHAR AS bits")[0].GetValue(0));
    }

    [Fact]
    public void Float_values_read_at_full_precision_in_every_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var frame = _connection.Query("SELECT $1::DOUBLE AS v, $2::DECIMAL(10,3) AS d", new object[] { Math.PI, 1234.567m });

            Assert.Equal(Math.PI, frame["v"].GetValue(0));
            Assert.Equal(1234.567m, frame["d"].GetValue(0));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
