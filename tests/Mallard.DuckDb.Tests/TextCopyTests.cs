using System.Runtime.InteropServices;
using System.Text;
using Mallard.Data;
using Mallard.DuckDb.Reading;

namespace Mallard.DuckDb.Tests;

/// <summary>
/// Text and BLOB values are copied in whole words where they are short (inlined up to 12 bytes, two
/// overlapping words up to 32), exactly where they are longer, into a buffer sized from the first chunk
/// that grows when later values are longer. These tests cross every one of those boundaries.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class TextCopyTests : IDisposable
{
    private readonly DuckDbConnection _connection;

    public TextCopyTests(DatabaseFixture fixture) => _connection = fixture.Connect();

    public void Dispose() => _connection.Dispose();

    /// <summary>Row i: NULL when i % 41 = 40, else i % 41 characters, ASCII or (every third row) two-byte 'é's, ending in a digit of i.</summary>
    private const string LengthsSql = """
        SELECT i,
            CASE WHEN i % 41 = 40 THEN NULL
                 WHEN i % 41 = 0 THEN ''
                 ELSE left(repeat(CASE WHEN i % 3 = 0 THEN 'é' ELSE 'abcdefghij' END, 40), (i % 41)::INTEGER - 1) || (i % 10)::VARCHAR
            END AS s
        FROM range(10000) t(i)
        ORDER BY i
        """;

    private static string? Expected(long i)
    {
        var length = (int)(i % 41);
        if (length == 40) return null;
        if (length == 0) return "";
        var unit = i % 3 == 0 ? "é" : "abcdefghij";
        return string.Concat(Enumerable.Repeat(unit, 40))[..(length - 1)] + (i % 10);
    }

    [Fact]
    public void Values_of_every_length_from_empty_to_past_32_bytes_are_copied_exactly()
    {
        var frame = _connection.Query(LengthsSql);

        var text = Assert.IsType<StringColumn>(frame["s"]);
        var byteLengths = new HashSet<int>();
        for (var row = 0; row < frame.RowCount; row++)
        {
            var expected = Expected(row);
            Assert.Equal(expected, text.GetValue(row));
            if (expected is not null)
            {
                Assert.Equal(Encoding.UTF8.GetBytes(expected), text.GetBytes(row).ToArray());
                byteLengths.Add(Encoding.UTF8.GetByteCount(expected));
            }
        }
        Assert.Subset(byteLengths, new HashSet<int> { 0, 1, 11, 12, 13, 15, 16, 17, 31, 32, 33, 39 });
        Assert.Equal(text.Offsets[^1], text.Data.Length);
    }

    [Fact]
    public void Blobs_of_every_length_are_copied_exactly()
    {
        var frame = _connection.Query("SELECT i, CASE WHEN i % 50 = 49 THEN NULL ELSE repeat(chr(65 + (i % 26)::INTEGER), (i % 50)::INTEGER)::BLOB END AS b FROM range(5000) t(i) ORDER BY i");

        var blobs = frame["b"];
        for (var row = 0; row < frame.RowCount; row++)
        {
            var expected = row % 50 == 49 ? null : Enumerable.Repeat((byte)(65 + (row % 26)), row % 50).ToArray();
            Values.AssertDeepEqual(expected, blobs.GetValue(row), $"b row {row}");
        }
    }

    [Fact]
    public void Each_chunk_of_a_streaming_reader_fits_its_text_exactly_and_keeps_every_value()
    {
        // A streamed chunk's buffer is measured exactly, so its last short values have less room than a word.
        using var reader = _connection.QueryStreaming(LengthsSql);

        var rows = 0;
        foreach (var chunk in reader.ReadChunks())
        {
            var text = Assert.IsType<StringColumn>(chunk["s"]);
            var ids = chunk.GetSpan<long>("i");
            for (var row = 0; row < chunk.RowCount; row++) Assert.Equal(Expected(ids[row]), text.GetValue(row));
            Assert.Equal(text.Offsets[^1], text.Data.Length);
            rows += chunk.RowCount;
        }
        Assert.Equal(10_000, rows);
    }

    [Fact]
    public void Text_much_longer_after_the_first_chunk_grows_the_buffer_and_keeps_every_value()
    {
        // The buffer is sized from the first chunk's one byte per row; later rows hold 60 or more bytes.
        var frame = _connection.Query("""
            SELECT i, CASE WHEN i < 2048 THEN 'a' WHEN i % 11 = 0 THEN NULL ELSE repeat('later text ', 6) || i END AS s
            FROM range(200000) t(i) ORDER BY i
            """);

        var text = frame["s"];
        var later = string.Concat(Enumerable.Repeat("later text ", 6));
        for (var row = 0; row < frame.RowCount; row++)
            Assert.Equal(row < 2048 ? "a" : row % 11 == 0 ? null : later + row, text.GetValue(row));
        Assert.Equal(200_000 - 2048 - Enumerable.Range(2048, 200_000 - 2048).Count(i => i % 11 == 0), frame.RowCount - text.NullCount - 2048);
    }

    [Fact]
    public void Large_column_buffers_are_marked_for_huge_pages_on_linux()
    {
        Assert.Equal(OperatingSystem.IsLinux(), ColumnMemory.CanAdviseHugePages);

        var values = ColumnMemory.Allocate<long>((int)(ColumnMemory.HugePageThreshold / sizeof(long)) * 2);
        for (var i = 0; i < values.Length; i++) values[i] = i;

        Assert.Equal(values.Length - 1L, values[^1]);
        if (!OperatingSystem.IsLinux()) return;
        // The kernel lists the mark as "hg" among the flags of the mapping that holds the buffer's whole 2 MiB pages.
        var handle = GCHandle.Alloc(values, GCHandleType.Pinned);
        try
        {
            const long hugePage = 2 << 20;
            var inside = (handle.AddrOfPinnedObject() + hugePage - 1) & ~(hugePage - 1);
            var flags = MappingFlags((ulong)inside);
            Assert.True(flags.Contains("hg"), $"The mapping holding the buffer has flags [{string.Join(' ', flags)}], without hg (huge pages advised).");
        }
        finally
        {
            handle.Free();
        }
    }

    /// <summary>The VmFlags of the mapping of this process that contains <paramref name="address"/>.</summary>
    private static string[] MappingFlags(ulong address)
    {
        var inside = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var dash = line.IndexOf('-', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (dash > 0 && space > dash
                && ulong.TryParse(line.AsSpan(0, dash), System.Globalization.NumberStyles.HexNumber, null, out var start)
                && ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), System.Globalization.NumberStyles.HexNumber, null, out var end))
            {
                inside = address >= start && address < end;
                continue;
            }
            if (inside && line.StartsWith("VmFlags:", StringComparison.Ordinal))
                return line["VmFlags:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        throw new InvalidOperationException($"No mapping of this process holds address 0x{address:x}.");
    }
}
