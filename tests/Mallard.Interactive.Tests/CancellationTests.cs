using System.Reactive.Linq;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace Mallard.Interactive.Tests;

/// <summary>The stop button: .NET Interactive's <see cref="Cancel"/> sent while a cell runs a long query.</summary>
[Collection(InteractiveCollection.Name)]
public sealed class CancellationTests(InteractiveFixture fixture)
{
    /// <summary>Minutes of work for DuckDB: it ends only when interrupted.</summary>
    private const string LongQuery = "SELECT count(*) AS n FROM range(100000000000000) a";

    [Theory]
    [InlineData("sql")]
    [InlineData("mydb")]
    public async Task The_stop_button_interrupts_a_running_query_and_the_kernel_keeps_working(string kernelName)
    {
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        if (kernelName != "sql") await kernel.RunAsync($"#!connect duckdb --kernel-name {kernelName} \"Data Source=:memory:\"");

        // Stopped once the query shows its progress, as a user would click the button.
        var (result, progress) = await StopOnceShownAsync(kernel, $"#!{kernelName}\n{LongQuery}", e => TestKernel.PlainText(e).StartsWith(LongQuery + ": ", StringComparison.Ordinal));

        Assert.Matches(@": (\d+% after|running for) \d+\.\d s$", TestKernel.PlainText(progress));
        Assert.IsType<DisplayedValueProduced>(progress);
        var failed = Assert.Single(result.Events.OfType<CommandFailed>());
        Assert.Contains("cancelled", failed.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(result.Events.OfType<ReturnValueProduced>());

        // The query was stopped, not left running: the kernel's next cell runs (it would wait for the query otherwise).
        var next = await Within(kernel.RunAsync($"#!{kernelName}\nSELECT 42 AS answer"), "The cell after the stopped one");
        Assert.Contains("42", TestKernel.PlainText(Assert.Single(next.Events.OfType<ReturnValueProduced>())), StringComparison.Ordinal);
    }

    /// <summary>
    /// The stop button's middleware interrupts Mallard's queries before .NET Interactive's own cancellation reaches the
    /// cell's token; here the token is never cancelled at all. The cell still ends as a stopped one, not as a failure.
    /// </summary>
    [Fact]
    public async Task A_query_interrupted_before_the_cells_token_is_cancelled_ends_as_a_stopped_cell()
    {
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        var shown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = kernel.Root.KernelEvents.OfType<DisplayEvent>()
            .Where(e => TestKernel.PlainText(e).StartsWith(LongQuery + ": ", StringComparison.Ordinal))
            .Subscribe(_ => shown.TrySetResult());
        var running = kernel.Root.SendAsync(new SubmitCode($"#!sql\n{LongQuery}"));
        await Within(Task.WhenAny(shown.Task, running), "Showing the query's progress");
        Assert.False(running.IsCompleted, "The query ended before the test could interrupt it.");

        Assert.IsType<MallardSqlKernel>(kernel.Root.FindKernelByName("sql")).Session.Interrupt();

        var result = await Within(running, "The interrupted cell");
        var failed = Assert.Single(result.Events.OfType<CommandFailed>());
        Assert.Equal("Command cancelled.", failed.Message);
        var next = await Within(kernel.RunAsync("#!sql\nSELECT 42 AS answer"), "The cell after the stopped one");
        Assert.Contains("42", TestKernel.PlainText(Assert.Single(next.Events.OfType<ReturnValueProduced>())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stop_button_interrupts_query_df_in_a_csharp_cell_and_the_connection_keeps_working()
    {
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        await kernel.RunAsync("var con = connect(read_only: false, path: \":memory:\");");

        // The cell says when the query is running on the connection (DuckDB's progress estimate may come much later on a
        // loaded machine, when its own threads take every task of the query).
        var cell = $$"""
            var shown = 0;
            var watch = new System.Threading.Timer(_ =>
            {
                if (con.IsExecuting && Interlocked.Exchange(ref shown, 1) == 0) display("counting");
            }, null, 0, 20);
            try
            {
                query_df(con, "{{LongQuery}}");
            }
            finally
            {
                watch.Dispose();
            }
            """;
        var (result, _) = await StopOnceShownAsync(kernel, cell, e => Equals(e.Value, "counting"));

        var failed = Assert.Single(result.Events.OfType<CommandFailed>());
        Assert.Contains("cancelled", failed.Message, StringComparison.OrdinalIgnoreCase);

        // The connection is free again: a query on it would say it is busy (or wait) if the first still ran.
        var answer = await Within(kernel.ValueAsync<int>("query_df(con, \"SELECT 42 AS answer\").Rows.Single().Get<int>(\"answer\")"), "The query after the stopped one");
        Assert.Equal(42, answer);
    }

    /// <summary>The longest any step may take: a guard against a hang, never a time the tests wait for.</summary>
    internal static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Submits <paramref name="code"/>, waits until it shows a value <paramref name="shows"/> accepts, then sends
    /// <see cref="Cancel"/> to the composite kernel, as the stop button does; returns the cell's result and that value.
    /// </summary>
    internal static async Task<(KernelCommandResult Result, DisplayEvent Shown)> StopOnceShownAsync(TestKernel kernel, string code, Func<DisplayEvent, bool> shows)
    {
        var shown = new TaskCompletionSource<DisplayEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = kernel.Root.KernelEvents.OfType<DisplayEvent>().Where(shows).Subscribe(e => shown.TrySetResult(e));
        var running = kernel.Root.SendAsync(new SubmitCode(code));
        if (await Within(Task.WhenAny(shown.Task, running), "Showing the awaited value") == running)
        {
            var ended = await running;
            Assert.Fail("The cell ended before the test could stop it: "
                + string.Join("; ", ended.Events.Select(e => e is CommandFailed f ? "failed: " + f.Message : e.GetType().Name)));
        }
        await Within(kernel.Root.SendAsync(new Cancel()), "Cancel");
        var result = await Within(running, "The stopped cell");
        return (result, await shown.Task);
    }

    /// <summary><paramref name="task"/>'s result, or a failure saying what hung.</summary>
    internal static async Task<T> Within<T>(Task<T> task, string what)
    {
        try
        {
            return await task.WaitAsync(Guard);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{what} did not end within {Guard.TotalSeconds} s.");
            throw;
        }
    }
}
