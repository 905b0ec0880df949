using Mallard.Engine.Scripting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Mallard.Engine.Tests;

/// <summary>
/// The checks <see cref="InterruptPoints"/> puts into expression bodies: each form gets its check and still compiles, so
/// a cell with it does not fall back to a rewrite without checks (which would pass every test that only reads results).
/// </summary>
public sealed class InterruptPointsTests
{
    private const string Check = "CellInterrupt.Check()";

    private static readonly ScriptOptions Options = ScriptOptions.Default
        .AddReferences(typeof(CellInterrupt).Assembly)
        .AddImports("System", "System.Collections.Generic", "System.Linq", "System.Threading", "System.Threading.Tasks");

    [Theory]
    [InlineData("var i = 0;\nagain: i++;\nif (i < 3) goto again;", 1)]
    [InlineData("switch (1) { case 1: goto case 2; case 2: goto default; default: break; }", 2)]
    [InlineData("int Twice(int n) => n * 2;", 1)]
    [InlineData("long Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);", 1)]
    [InlineData("void Say(string s) => Console.Write(s);", 1)]
    [InlineData("async Task Later() => await Task.Yield();", 1)]
    [InlineData("async System.Threading.Tasks.ValueTask LaterToo() => await Task.Yield();", 1)]
    [InlineData("async Task<int> Soon() => await Task.FromResult(8);", 1)]
    [InlineData("int Fail() => throw new InvalidOperationException();", 1)]
    [InlineData("ref int First(int[] a) => ref a[0];", 1)]
    [InlineData("if (true) { long Local(int n) => n < 1 ? 0 : Local(n - 1); Local(3); }", 1)]
    // A getter, a setter, an operator, a conversion and a constructor.
    [InlineData("class P { int _v; public int V { get => _v; set => _v = value; } public static P operator +(P a, P b) => new P { V = a.V + b.V };"
        + " public static implicit operator int(P p) => p.V; public P() => _v = 1; }", 5)]
    [InlineData("class Q { int _n = 2; public int Twice => 2 * _n; public int this[int i] => i * _n; public ref int N => ref _n; }", 3)]
    [InlineData("Func<int, long> fib = null!;\nfib = n => n < 2 ? n : fib(n - 1) + fib(n - 2);", 1)]
    [InlineData("Func<int, int, int> add = (a, b) => a + b;", 1)]
    [InlineData("Func<Task<int>> soon = async () => 5;", 1)]
    // A body that may be a call of a lambda returning nothing takes its check in the call's first argument, if any.
    [InlineData("Action<int> show = x => Console.Write(x);", 1)]
    [InlineData("Func<double, double> root = x => Math.Sqrt(x);", 1)]
    [InlineData("var seen = new List<int>();\nAction<int> add = x => seen.Add(x + 1);", 1)]
    [InlineData("Func<int, string> text = x => x.ToString();", 0)]
    [InlineData("Func<long> one = () => Convert.ToInt64(1);", 0)]
    [InlineData("Func<int> next = () => Environment.TickCount;", 1)]
    [InlineData("Action<int[]> bump = a => a[0]++;", 0)]
    public void An_expression_body_gets_a_check_and_still_compiles(string code, int checks) =>
        AssertRewritten(code, InterruptPoints.Level.Lambdas, checks, Check, "CellInterrupt.Going");

    /// <summary>
    /// An expression tree must not get a check: a query provider could not translate it. Both forms of the lambda check fail
    /// to compile there, so the cell is compiled at the level without them.
    /// </summary>
    [Theory]
    [InlineData("System.Linq.Expressions.Expression<Func<double, double>> tree = x => x * 2;")]
    [InlineData("System.Linq.Expressions.Expression<Func<double, double>> tree = x => Math.Sqrt(x);")]
    public void An_expression_tree_lambda_with_a_check_does_not_compile(string code)
    {
        var rewritten = InterruptPoints.Insert(code, InterruptPoints.Level.Lambdas);
        Assert.NotEqual(code, rewritten);
        Assert.Contains(CSharpScript.Create(rewritten, Options).Compile(), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(code, InterruptPoints.Insert(code, InterruptPoints.Level.Results));
    }

    [Theory]
    [InlineData("await Task.Run(() => { });", 1)]
    [InlineData("var n = await Task.FromResult(1) + await new ValueTask<int>(2);", 2)]
    [InlineData("await default(ValueTask);", 1)]
    // Awaitables other than tasks compile as they were.
    [InlineData("await Task.Yield();", 1)]
    [InlineData("await Task.Run(() => { }).ConfigureAwait(false);", 1)]
    [InlineData("var m = await Task.FromResult(3).ConfigureAwait(false);", 1)]
    [InlineData("async Task<int> Later() => await Task.FromResult(await Task.FromResult(4));", 2)]
    [InlineData("async IAsyncEnumerable<int> One() { await Task.Yield(); yield return 1; }\nawait foreach (var i in One()) { }\nawait foreach (var i in One().ConfigureAwait(false)) { }", 3)]
    public void An_await_waits_through_the_interrupt_and_still_compiles(string code, int awaits) =>
        AssertRewritten(code, InterruptPoints.Level.Waits, awaits, "CellInterrupt.Await(", "CellInterrupt.AwaitEach(");

    [Theory]
    [InlineData("var p = System.Diagnostics.Process.Start(\"true\");\np.WaitForExit();\nvar b = p.WaitForExit(10) || p.WaitForExit(TimeSpan.Zero);", "CellInterrupt.WaitForExit(", 3)]
    [InlineData("var q = new System.Collections.Concurrent.BlockingCollection<int>();\nvar one = q.Take();\nforeach (var x in q.GetConsumingEnumerable()) { }", "CellInterrupt.", 3)]
    [InlineData("new Barrier(1).SignalAndWait();", "CellInterrupt.SignalAndWait(", 1)]
    // LINQ's Take has a count: it is no wait.
    [InlineData("var first = new[] { 1, 2 }.Take(1);", "CellInterrupt.", 0)]
    public void The_frameworks_other_waits_go_to_their_interruptible_forms(string code, string form, int count) =>
        AssertRewritten(code, InterruptPoints.Level.Waits, count, form);

    /// <summary>
    /// The cell rewritten at <paramref name="level"/> has <paramref name="expected"/> of the <paramref name="forms"/> together,
    /// compiles, and keeps its line numbers.
    /// </summary>
    private static void AssertRewritten(string code, InterruptPoints.Level level, int expected, params string[] forms)
    {
        var rewritten = InterruptPoints.Insert(code, level);
        Assert.Equal(expected, forms.Sum(form => Count(rewritten, form)));
        var errors = CSharpScript.Create(rewritten, Options).Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"{rewritten}\n{string.Join("\n", errors)}");
        // Each edit stays on the lines it belongs to: stack traces and errors keep the cell's line numbers.
        Assert.Equal(code.Count(c => c == '\n'), rewritten.Count(c => c == '\n'));
    }

    [Fact]
    public void Lambdas_get_their_checks_at_the_top_level_only()
    {
        const string Code = "Func<int, int> square = x => x * x;";
        Assert.Equal(1, Count(InterruptPoints.Insert(Code, InterruptPoints.Level.Lambdas), Check));
        Assert.Equal(Code, InterruptPoints.Insert(Code, InterruptPoints.Level.Results));
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
