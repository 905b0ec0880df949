using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Mallard.Benchmarks.Support;

namespace Mallard.Benchmarks;

/// <summary>
/// One trivial cell through jupyter_client, from execute_request to execute_reply and IOPub idle, on the
/// Mallard kernel and on Debian's ipykernel in the same run (the driver is <c>bench/jupyter/kernel_bench.py</c>).
/// Goals: a trivial SQL cell's median at most half of ipykernel's trivial Python cell; a trivial C# cell
/// within 3x. Start-up is measured by the driver alone (<c>kernel_bench.py --mallard ...</c>): see bench/README.md.
/// </summary>
[Config(typeof(Config))]
public class KernelRoundTripBenchmark
{
    private JupyterPeer? _peer;

    [GlobalSetup]
    public void Setup() => _peer = JupyterPeer.Start();

    [GlobalCleanup]
    public void Cleanup() => _peer?.Dispose();

    [Benchmark(Baseline = true, Description = "ipykernel: 1")]
    public void Ipykernel_TrivialPythonCell() => _peer!.Run("python");

    [Benchmark(Description = "Mallard: #!sql SELECT 1;")]
    public void Mallard_TrivialSqlCell() => _peer!.Run("sql");

    [Benchmark(Description = "Mallard: 1 (C#)")]
    public void Mallard_TrivialCSharpCell() => _peer!.Run("csharp");

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(StatisticColumn.Median, StatisticColumn.P95);
        }
    }
}
