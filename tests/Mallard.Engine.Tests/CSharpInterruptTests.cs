using Mallard.Display;

namespace Mallard.Engine.Tests;

/// <summary>
/// An interrupt stops C# that never looks at a cancellation token: loops of every kind, loops inside methods, local
/// functions and lambdas, Thread.Sleep, Task.Wait(), .Result and .GetAwaiter().GetResult(). The session keeps its variables
/// and runs the next cell.
/// </summary>
public sealed class CSharpInterruptTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    // Every cell waits or loops for ever, so only the interrupt ends it; the test waits for the cell's "started" line.
    [Theory]
    [InlineData("while (true) { }")]
    [InlineData("for (;;) ;")]
    [InlineData("var n = 0;\ndo n++; while (n != -1 || n == -1);")]
    [InlineData("foreach (var i in Enumerable.Repeat(1, int.MaxValue)) { }")]
    [InlineData("var turns = 0L;\nagain: turns++;\ngoto again;")]
    // An await of what never completes, and the workers of Parallel.For and PLINQ (their cancellations come gathered).
    [InlineData("await new SemaphoreSlim(0).WaitAsync();")]
    [InlineData("await new TaskCompletionSource().Task;")]
    [InlineData("var never = new TaskCompletionSource<int>();\nawait never.Task.ConfigureAwait(false)")]
    [InlineData("await new ValueTask<int>(new TaskCompletionSource<int>().Task)")]
    [InlineData("var never = new TaskCompletionSource();\nawait Task.WhenAll(never.Task, new SemaphoreSlim(0).WaitAsync());")]
    [InlineData("async Task Forever() => await new SemaphoreSlim(0).WaitAsync();\nawait Forever();")]
    [InlineData("await Task.Run(() => { while (true) { } });")]
    [InlineData("Parallel.For(0, int.MaxValue, i => { });")]
    [InlineData("Parallel.For(0, int.MaxValue, i => Math.Sqrt(i));")]
    // Other waits of the framework's: a process, a blocking collection, a barrier, an async stream.
    [InlineData("var cat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(\"cat\") { RedirectStandardInput = true })!;\ncat.WaitForExit();")]
    [InlineData("new System.Collections.Concurrent.BlockingCollection<int>().Take();")]
    [InlineData("foreach (var item in new System.Collections.Concurrent.BlockingCollection<int>().GetConsumingEnumerable()) { }")]
    [InlineData("new Barrier(2).SignalAndWait();")]
    [InlineData("await foreach (var x in System.Threading.Channels.Channel.CreateUnbounded<int>().Reader.ReadAllAsync()) { }")]
    [InlineData("new[] { 1, 2 }.AsParallel().Select(x => { while (true) { } return x; }).ToList();")]
    // LINQ runs in the framework's code, where no check of the cell's reaches: its Range and Repeat sources are checked.
    [InlineData("Enumerable.Range(0, int.MaxValue).Select(i => (long)i).Sum()")]
    [InlineData("System.Linq.Enumerable.Repeat(7, int.MaxValue).Count(i => i % 2 == 0)")]
    [InlineData("Enumerable.Range(0, int.MaxValue).Concat(Enumerable.Range(0, int.MaxValue)).Where(i => i < 0).ToList()")]
    [InlineData("int Spin(int n) { while (n > 0) { } return n; }\nSpin(1)")]
    [InlineData("Action spin = () => { while (true) { } };\nspin();")]
    // Recursion without a loop (about 2^100 calls, never deep): only the checks at method entries reach it.
    [InlineData("long Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);\nFib(100)")]
    [InlineData("long A(int n) => n == 0 ? 1 : B(n - 1) + B(n - 1);\nlong B(int n) => n == 0 ? 1 : A(n - 1) + A(n - 1);\nA(100)")]
    [InlineData("Func<int, long> fib = null!;\nfib = n => n < 2 ? n : fib(n - 1) + fib(n - 2);\nfib(100)")]
    [InlineData("class Spinner { public static void Run() { while (true) { } } }\nSpinner.Run();")]
    [InlineData("Thread.Sleep(Timeout.InfiniteTimeSpan);")]
    [InlineData("System.Threading.Thread.Sleep(Timeout.Infinite);")]
    [InlineData("Task.Delay(Timeout.Infinite).Wait();")]
    [InlineData("new SemaphoreSlim(0).Wait();")]
    [InlineData("var gate = new ManualResetEventSlim(false);\ngate.Wait();")]
    [InlineData("Task.Delay(Timeout.Infinite).Wait(TimeSpan.FromHours(1));")]
    [InlineData("new SemaphoreSlim(0).Wait(Timeout.Infinite);")]
    [InlineData("new CountdownEvent(1).Wait(TimeSpan.FromHours(1));")]
    [InlineData("var own = new CancellationTokenSource();\nnew ManualResetEventSlim(false).Wait(own.Token);")]
    [InlineData("Task.WaitAll(Task.Delay(Timeout.Infinite), Task.CompletedTask);")]
    [InlineData("Task.WaitAny(new[] { Task.Delay(Timeout.Infinite) }, TimeSpan.FromHours(1))")]
    [InlineData("new ManualResetEvent(false).WaitOne();")]
    [InlineData("new AutoResetEvent(false).WaitOne(TimeSpan.FromHours(1))")]
    [InlineData("var gate = new object();\nlock (gate) { Monitor.Wait(gate); }")]
    // A thread the cell starts sleeps on (an exception there would end the process); the cell's own Join stops.
    [InlineData("var worker = new Thread(() => Thread.Sleep(Timeout.Infinite)) { IsBackground = true };\nworker.Start();\nworker.Join();")]
    [InlineData("var worker = new Thread(() => { while (true) { Thread.Sleep(1); } }) { IsBackground = true };\nworker.Start();\nworker.Join();")]
    [InlineData("Task.Delay(Timeout.Infinite).ContinueWith(_ => 1).Result")]
    [InlineData("Task.Delay(Timeout.Infinite).GetAwaiter().GetResult();")]
    [InlineData("var never = new TaskCompletionSource<int>();\nnever.Task.GetAwaiter().GetResult()")]
    // .Result on something that is no task: that guess does not compile, and the loop's check still stops the cell.
    [InlineData("record Box(int Result);\nvar box = new Box(1);\nvar inside = box.Result;\nwhile (inside > 0) { }")]
    public async Task Csharp_that_never_looks_at_the_token_stops_when_interrupted(string code)
    {
        using var session = Sessions.New();
        await session.RunOk("var kept = 41;");
        var output = new StartedOutput();
        var running = session.ExecuteAsync("Console.WriteLine(\"started\");\n" + code, output);
        if (await Task.WhenAny(output.Started, running).WaitAsync(Guard) == running)
            Assert.Fail($"The cell ended before it could be interrupted: {(await running).Error?.Message}");

        session.Interrupt();

        var outcome = await running.WaitAsync(Guard);
        Assert.Equal(CellStatus.Cancelled, outcome.Status);
        Assert.Equal("Interrupted", outcome.Error!.Name);
        Assert.Equal("42", (await session.RunOk("kept + 1")).Results.Single().Text());
    }

    // The waits sent to their interruptible forms answer as before when nothing interrupts them.
    [Theory]
    [InlineData("new SemaphoreSlim(1).Wait(10)", "True")]
    [InlineData("new SemaphoreSlim(0).Wait(TimeSpan.FromMilliseconds(10))", "False")]
    [InlineData("Task.Delay(Timeout.Infinite).Wait(10)", "False")]
    [InlineData("new ManualResetEvent(true).WaitOne()", "True")]
    [InlineData("new ManualResetEvent(false).WaitOne(10)", "False")]
    [InlineData("Task.WaitAny(Task.Delay(Timeout.Infinite), Task.FromResult(1))", "1")]
    [InlineData("Task.WaitAll(new[] { Task.Delay(Timeout.Infinite) }, 10)", "False")]
    [InlineData("var gate = new object();\nbool woken;\nlock (gate) { woken = Monitor.Wait(gate, 10); }\nwoken", "False")]
    [InlineData("var gate = new object();\nvar pulser = new Thread(() => { lock (gate) Monitor.PulseAll(gate); });\nbool woken;\nlock (gate) { pulser.Start(); woken = Monitor.Wait(gate, TimeSpan.FromMinutes(1)); }\nwoken", "True")]
    [InlineData("var n = 0;\nvar worker = new Thread(() => n = 7);\nworker.Start();\nworker.Join();\nn", "7")]
    [InlineData("string.Join(\"-\", new[] { \"a\", \"b\" })", "a-b")]
    [InlineData("Enumerable.Range(1, 4).Sum() + Enumerable.Repeat(2, 3).Sum() + Enumerable.Range(5, 0).Count()", "16")]
    [InlineData("string.Join(\",\", System.Linq.Enumerable.Range(3, 3).Reverse())", "5,4,3")]
    // Expression bodies given checks (blocks now), and an expression tree, which cannot take one, answer as written too.
    [InlineData("int Twice(int n) => n * 2;\nTwice(21)", "42")]
    [InlineData("var log = new System.Text.StringBuilder();\nvoid Say(string s) => log.Append(s);\nSay(\"a\"); Say(\"b\");\nlog.ToString()", "ab")]
    [InlineData("async Task<int> Soon() => await Task.FromResult(8);\nawait Soon()", "8")]
    [InlineData("var done = 0;\nasync Task Later() => done = await Task.FromResult(3);\nawait Later();\ndone", "3")]
    [InlineData("ref int First(int[] a) => ref a[0];\nvar arr = new[] { 4 };\nFirst(arr) = 9;\narr[0]", "9")]
    [InlineData("class P { int _v; public int V { get => _v; set => _v = value; } public static P operator +(P a, P b) => new P { V = a.V + b.V };"
        + " public static implicit operator int(P p) => p.V; public P() => _v = 1; }\n(int)(new P() + new P())", "2")]
    [InlineData("class Q { int _n = 2; public int Twice => 2 * _n; public int this[int i] => i * _n; }\nnew Q().Twice + new Q()[10]", "24")]
    [InlineData("var i = 0;\nagain: i++;\nif (i < 3) goto again;\nswitch (i) { case 3: goto case 4; case 4: i += 10; break; }\ni", "13")]
    [InlineData("await Task.Run(() => { });\nawait Task.Yield();\nawait Task.Run(() => { }).ConfigureAwait(false);\nawait Task.FromResult(2) + await new ValueTask<int>(3)", "5")]
    [InlineData("var t = Task.Run(async () => { await Task.Yield(); return 4; });\nawait t.ConfigureAwait(false)", "4")]
    [InlineData("var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(\"true\"))!;\np.WaitForExit();\np.ExitCode", "0")]
    [InlineData("var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(\"cat\") { RedirectStandardInput = true })!;\nvar done = p.WaitForExit(10);\np.Kill();\np.WaitForExit(TimeSpan.FromMinutes(1)) && !done", "True")]
    [InlineData("var q = new System.Collections.Concurrent.BlockingCollection<int> { 1, 2, 3 };\nq.CompleteAdding();\nq.Take() + q.GetConsumingEnumerable().Sum()", "6")]
    [InlineData("var b = new Barrier(1);\nb.SignalAndWait();\nb.CurrentPhaseNumber", "1")]
    [InlineData("async IAsyncEnumerable<int> Three() { for (var i = 1; i <= 3; i++) { await Task.Yield(); yield return i; } }\nvar sum = 0;\nawait foreach (var i in Three()) sum += i;\nawait foreach (var i in Three().ConfigureAwait(false)) sum += i;\nsum", "12")]
    [InlineData("Func<double, double> root = x => Math.Sqrt(x);\nvar seen = new List<double>();\nAction<double> add = x => seen.Add(x);\nadd(root(49)); add(2);\nseen.Sum()", "9")]
    [InlineData("System.Linq.Expressions.Expression<Func<double, double>> tree = x => Math.Sqrt(x);\ntree.Compile()(16) + new[] { 1.0, 4.0 }.AsQueryable().Select(x => Math.Sqrt(x)).Sum()", "7")]
    [InlineData("Func<int, int> square = x => x * x;\nsquare(7)", "49")]
    [InlineData("System.Linq.Expressions.Expression<Func<int, bool>> big = x => x > 1;\nbig.Compile()(2)", "True")]
    [InlineData("Func<int, long> fib = null!;\nfib = n => n < 2 ? n : fib(n - 1) + fib(n - 2);\nfib(20)", "6765")]
    public async Task Rewritten_cells_answer_as_the_originals_do(string code, string expected)
    {
        using var session = Sessions.New();
        var result = (await session.RunOk(code)).Results.Single().Text();
        Assert.Equal(expected, result.Trim('"'));
    }

    [Fact]
    public async Task Interrupt_points_leave_line_numbers_and_compile_errors_as_the_cell_has_them()
    {
        using var session = Sessions.New();
        // A runtime error inside a loop names the cell's own line.
        var (failed, _) = await session.Run("var xs = new int[2];\nfor (var i = 0; i < 3; i++)\n    xs[i] = i;");
        Assert.Contains("line 3", string.Join("\n", failed.Error!.Traceback), StringComparison.Ordinal);
        // A compile error on a line with a loop keeps its column.
        var (wrong, _) = await session.Run("while (true) { undefinedName++; }");
        Assert.Contains("undefinedName", wrong.Error!.Message, StringComparison.Ordinal);
        Assert.StartsWith("(1,16): error CS0103", wrong.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cell_run_again_on_an_unchanged_session_gives_what_it_gives_now()
    {
        using var session = Sessions.New();
        await session.RunOk("var x = 20;\nint Twice(int n) => 2 * n;");
        // "Twice(x) + 2" declares nothing: run again, it reuses its compiled code, and still reads x as it is now.
        Assert.Equal("42", (await session.RunOk("Twice(x) + 2")).Results.Single().Text());
        await session.RunOk("x = 5;");
        Assert.Equal("12", (await session.RunOk("Twice(x) + 2")).Results.Single().Text());
        // A declaration makes a new chain: the same text compiles again against it, and sees what it declared.
        await session.RunOk("int Twice(int n) => 3 * n;");
        Assert.Equal("17", (await session.RunOk("Twice(x) + 2")).Results.Single().Text());
        // A runtime error is the same error each time (the third run reuses the code); output is the run's own.
        for (var i = 0; i < 3; i++)
        {
            var (failed, output) = await session.Run("Console.WriteLine(\"before \" + x); throw new InvalidOperationException(\"again \" + x);");
            Assert.False(failed.Succeeded);
            Assert.Contains("again 5", failed.Error!.Message, StringComparison.Ordinal);
            Assert.Equal("before 5\n", output.Stdout);
        }
        // A cell run again is interrupted again.
        for (var i = 0; i < 3; i++)
        {
            var started = new StartedOutput();
            var running = session.ExecuteAsync("Console.WriteLine(\"started\"); while (true) { }", started);
            if (await Task.WhenAny(started.Started, running).WaitAsync(Guard) == running) Assert.Fail("The loop ended by itself.");
            session.Interrupt();
            var outcome = await running.WaitAsync(Guard);
            Assert.Equal(CellStatus.Cancelled, outcome.Status);
        }
    }

    /// <summary>Completes <see cref="Started"/> when the cell writes "started".</summary>
    private sealed class StartedOutput : ICellOutput
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => _started.Task;

        public void Stream(OutputStreamKind stream, string text)
        {
            if (text.Contains("started", StringComparison.Ordinal)) _started.TrySetResult();
        }

        public void Display(MimeBundle bundle, string? displayId = null) { }

        public void UpdateDisplay(MimeBundle bundle, string displayId) { }

        public void Result(MimeBundle bundle) { }

        public void Progress(ProgressUpdate progress) { }

        public string? ReadLine(string prompt, bool password) => null;
    }
}
