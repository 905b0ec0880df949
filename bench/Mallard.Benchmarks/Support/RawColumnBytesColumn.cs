using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Mallard.Benchmarks.Support;

/// <summary>
/// Summary columns for <see cref="MaterializeBenchmark"/>: the raw bytes of table <c>t</c>'s columns
/// (<see cref="MaterializeData.RawColumnBytes"/>) and each benchmark's managed allocation per operation
/// divided by them. Computed in the host process from the database file the runs used.
/// </summary>
public sealed class RawColumnBytesColumn : IColumn
{
    private static readonly ConcurrentDictionary<int, long?> Raw = new();
    private readonly bool _ratio;

    private RawColumnBytesColumn(bool ratio) => _ratio = ratio;

    public static IColumn RawMegabytes { get; } = new RawColumnBytesColumn(ratio: false);

    public static IColumn AllocatedPerRaw { get; } = new RawColumnBytesColumn(ratio: true);

    public string Id => _ratio ? "AllocPerRaw" : "RawMB";

    public string ColumnName => _ratio ? "Alloc/Raw" : "Raw MB";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Metric;

    public int PriorityInCategory => _ratio ? 101 : 100;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _ratio
        ? "Managed bytes allocated per operation / raw column bytes"
        : "Raw column bytes in MB (10^6): rows x (8+8+4+8) + the VARCHAR's UTF-8 bytes";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Parameters["Rows"] is not int rows) return "?";
        var raw = Raw.GetOrAdd(rows, static r =>
        {
            var path = MaterializeData.PathFor(r);
            return File.Exists(path) ? MaterializeData.RawColumnBytes(path) : null;
        });
        if (raw is not { } bytes || bytes == 0) return "?";
        if (!_ratio) return (bytes / 1e6).ToString("N1", CultureInfo.InvariantCulture);
        var allocated = summary[benchmarkCase]?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        return allocated is { } a ? ((double)a / bytes).ToString("N3", CultureInfo.InvariantCulture) : "?";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
