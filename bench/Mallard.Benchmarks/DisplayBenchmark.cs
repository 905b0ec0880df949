using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using Mallard.Data;
using Mallard.Display;
using Mallard.Display.Tables;

namespace Mallard.Benchmarks;

/// <summary>
/// Displaying a query result (BIGINT, VARCHAR, DOUBLE, DATE, DECIMAL(18,2)) as the MIME bundle a
/// notebook gets: the HTML table with its script and the text table. The goal is that a
/// 1,000,000-row frame costs within 1.5x of a 100-row frame, because display formats only the head it
/// shows; compare the two <see cref="Rows"/> values of each method.
/// </summary>
[Config(typeof(Config))]
public class DisplayBenchmark
{
    private Frame _frame = Frame.Empty;
    private FormatterRegistry _registry = new();

    [Params(100, 1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var ids = new long[Rows];
        var names = new string?[Rows];
        var amounts = new double[Rows];
        var days = new int[Rows];
        var prices = new decimal?[Rows];
        for (var i = 0; i < Rows; i++)
        {
            ids[i] = i + 1;
            names[i] = "customer " + (i * 31 % 9973).ToString(CultureInfo.InvariantCulture);
            amounts[i] = (i * 7919 % 100_000) / 100.0;
            days[i] = 19_000 + i % 1000;
            prices[i] = i % 17 == 0 ? null : (i % 50_000) / 100m;
        }
        _frame = new Frame(
            new PrimitiveColumn<long>("id", DataType.Int64, ids),
            StringColumn.Create("name", names),
            new PrimitiveColumn<double>("amount", DataType.Double, amounts),
            new DateColumn("first_order", days),
            DecimalColumn.Create("price", DataType.Decimal(18, 2), prices));
        _registry = new FormatterRegistry();
    }

    /// <summary>What a notebook cell showing the frame costs: the whole bundle.</summary>
    [Benchmark]
    public int Bundle() => _registry.Format(_frame).Items.Count;

    [Benchmark]
    public int Html() => HtmlTable.Render(_frame).Length;

    [Benchmark]
    public int Text() => TextTable.Render(_frame).Length;

    private sealed class Config : ManualConfig
    {
        public Config() => AddDiagnoser(MemoryDiagnoser.Default);
    }
}
