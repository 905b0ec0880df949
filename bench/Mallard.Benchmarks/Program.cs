using BenchmarkDotNet.Running;

namespace Mallard.Benchmarks;

/// <summary>One switcher for every benchmark: <c>dotnet run -c Release --project bench/Mallard.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
