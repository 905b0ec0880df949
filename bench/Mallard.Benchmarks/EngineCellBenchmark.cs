using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using Mallard.Display;
using Mallard.Engine;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Mallard.Benchmarks;

/// <summary>
/// Time per trivial cell in the engine: <c>1+1</c> as C#, <c>SELECT 1</c> as SQL, and the first C# cell of a new
/// session. The floor is Roslyn's own compile-and-run of the same submission on a script state of the same depth
/// (<see cref="Floor_Roslyn_ContinueWith"/>), measured in the same run. Each iteration starts a fresh session (and
/// a fresh Roslyn state for the floor) so that the chain of submissions stays short and equal for both.
/// </summary>
[Config(typeof(Config))]
public class EngineCellBenchmark
{
    private const int CellsPerIteration = 32;
    private Session _session = null!;
    private ScriptState<object> _floor = null!;
    private readonly DiscardOutput _output = DiscardOutput.Instance;

    [IterationSetup]
    public void NewSession()
    {
        _session?.Dispose();
        _session = new Session(new SessionOptions { CSharp = Mallard.Engine.Scripting.CSharpScripting.Language });
        // Warm the session's first C# submission and its connection so the iteration measures steady cells.
        _session.ExecuteAsync("var warm = 0;", _output).GetAwaiter().GetResult();
        _session.ExecuteAsync("#!sql\nSELECT 0", _output).GetAwaiter().GetResult();
        // The floor compiles against the fewest references that can run "1+1" (the engine gives cells 30-odd framework
        // assemblies and Mallard's own, and each submission binds them all).
        var floorOptions = ScriptOptions.Default.WithReferences(typeof(object).Assembly, typeof(Enumerable).Assembly).WithImports("System");
        _floor = CSharpScript.RunAsync("var warm = 0;", floorOptions).GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 1)]
    [InvocationCount(CellsPerIteration)]
    public object Floor_Roslyn_ContinueWith()
    {
        // Without options a continuation inherits the chain's references and imports, as the engine's do.
        _floor = _floor.ContinueWithAsync("1+1").GetAwaiter().GetResult();
        return _floor.ReturnValue;
    }

    [Benchmark]
    [InvocationCount(CellsPerIteration)]
    public CellOutcome Mallard_CSharp_OnePlusOne() => _session.ExecuteAsync("1+1", _output).GetAwaiter().GetResult();

    [Benchmark]
    [InvocationCount(CellsPerIteration)]
    public CellOutcome Mallard_Sql_SelectOne() => _session.ExecuteAsync("#!sql\nSELECT 1", _output).GetAwaiter().GetResult();

    /// <summary>A new session's first C# cell (process-wide caches such as metadata references already warm).</summary>
    [Benchmark]
    [InvocationCount(4)]
    public CellOutcome Mallard_FirstCSharpCell_NewSession()
    {
        using var session = new Session(new SessionOptions { CSharp = Mallard.Engine.Scripting.CSharpScripting.Language });
        return session.ExecuteAsync("1+1", _output).GetAwaiter().GetResult();
    }

    [IterationCleanup]
    public void Cleanup()
    {
        _session?.Dispose();
        _session = null!;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // In process: the engine and the floor share one runtime, and no boilerplate project is built on a busy machine.
            AddJob(Job.Default.WithWarmupCount(2).WithIterationCount(12).WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance));
            AddDiagnoser(MemoryDiagnoser.Default);
        }
    }
}
