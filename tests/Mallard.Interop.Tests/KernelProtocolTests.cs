using System.Text.Json;

namespace Mallard.Interop.Tests;

/// <summary>jupyter_client drives the real kernel (a real session) through every request it serves.</summary>
public sealed class KernelProtocolTests : IClassFixture<JupyterEnvironment>
{
    private readonly JupyterEnvironment _jupyter;

    public KernelProtocolTests(JupyterEnvironment jupyter)
    {
        _jupyter = jupyter;
    }

    private static readonly object Snippets = new
    {
        noop = "int unused = 0;",
        result = new { code = "6 * 7", expect = "42" },
        stream = new { code = "Console.WriteLine(\"hello from C#\");", expect = "hello from C#" },
        display = new { code = "#!sql\nSELECT 42 AS answer, 'duck' AS name;", mimes = new[] { "text/html", "text/plain" } },
        error = new { code = "throw new InvalidOperationException(\"boom\");", expect = "boom" },
        slow_error = "System.Threading.Thread.Sleep(1500); throw new Exception(\"slow failure\");",
        // The cursor counts code points: the emoji before it is two UTF-16 units but one code point.
        complete = new { code = "var s = \"🦆\"; s.ToUpperInv", expect = "ToUpperInvariant" },
        // The signature, and the summary from .NET's documentation in the SDK.
        inspect = new { code = "Math.Max(1, 2)", cursor = 6, expect = "int Math.Max(int val1, int val2)\n\nReturns the larger of two 32-bit signed integers." },
        complete_sql = new
        {
            setup = new[]
            {
                "#!connect duckdb --name completion :memory:",
                "#!sql\nCREATE SCHEMA gold; CREATE TABLE gold.gld_customer_analytics(customer_id INTEGER, lifetime_value DECIMAL(18,2));"
                + " CREATE SCHEMA silver; CREATE TABLE silver.slv_customers(customer_id INTEGER);",
            },
            cases = new object[]
            {
                new { code = "#!sql\nSELECT * FROM gld_cu|", first = new[] { "gold.gld_customer_analytics" }, reject = new[] { "silver.slv_customers" } },
                new { code = "#!sql\nSELECT * FROM gold.gld_cu|", first = new[] { "gld_customer_analytics" }, reject = new[] { ".", "(", "anti", "as", "gold.", "slv_customers" }, start = "#!sql\nSELECT * FROM gold.".Length },
                new { code = "#!sql\nSELECT c.| FROM gold.gld_customer_analytics c", first = new[] { "customer_id", "lifetime_value" }, reject = new[] { ".", "(", "as" }, start = "#!sql\nSELECT c.".Length },
                new { code = "#!sql\nSELECT | FROM gold.gld_customer_analytics", first = new[] { "customer_id", "lifetime_value" } },
            },
        },
        is_complete = new object[]
        {
            new object[] { "var a = 1;", "complete" },
            new object[] { "if (true) {", "incomplete" },
            new object[] { "#!sql\nSELECT 1", "incomplete" },
            new object[] { "#!sql\nSELECT 1;", "complete" },
            new object[] { "#!nosuchmagic", "invalid" },
        },
        history = "var historyMarker = 1;",
        input = new { code = "var typed = Console.ReadLine(); Console.WriteLine(\"hello \" + typed);", value = "Ada" },
        @long = "#!sql\nSELECT sum(hash(i)) FROM range(1000000000000) t(i);",
        // C# that never looks at a cancellation token, and never ends by itself.
        csharp_stops = new[]
        {
            "while (true) { }",
            "long Spin(long n) { for (;;) n++; }\nSpin(0)",
            "long Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);\nFib(100)",
            "System.Threading.Thread.Sleep(Timeout.Infinite);",
            "Task.Delay(Timeout.Infinite).Wait();",
            "Task.WaitAll(Task.Delay(Timeout.Infinite));",
            "await new SemaphoreSlim(0).WaitAsync();",
            "var gate = new object(); lock (gate) { Monitor.Wait(gate); }",
        },
        // A loop inside the framework, which no check reaches: a regular expression backtracking for years. (LINQ over
        // Enumerable.Range and SpinWait.SpinUntil(() => false), whose lambda gets a check, now stop.)
        unstoppable = "System.Text.RegularExpressions.Regex.IsMatch(new string('a', 60) + \"!\", \"^(a|aa)+$\")",
    };

    [Fact]
    public void Jupyter_client_gets_well_formed_answers_from_the_real_kernel_and_no_process_is_left()
    {
        _jupyter.RequireModules("zmq", "jupyter_client");
        var snippets = Path.Combine(_jupyter.Root, "snippets.json");
        File.WriteAllText(snippets, JsonSerializer.Serialize(Snippets));
        var (code, stdout, stderr) = _jupyter.Run(JupyterEnvironment.Python, TimeSpan.FromMinutes(5),
            JupyterEnvironment.Script("kernel_protocol_check.py"), "--snippets", snippets, "--kernel-name", JupyterEnvironment.KernelName,
            "--timeout", "60");
        Assert.True(code == 0, $"{stdout}\n{stderr}\nkernel log:\n{_jupyter.Log}");
        foreach (var check in new[] { "kernel_info", "execute_result", "error", "stop_on_error", "complete", "complete_sql", "clear_output", "inspect", "is_complete", "input", "interrupt_input", "interrupt_message", "execute_on_control", "interrupt_csharp", "interrupt_unstoppable", "interrupt_signal", "forged", "shutdown" })
            Assert.Contains($"PASS {check}", stdout);
    }

    [Fact]
    public void A_restart_replaces_the_kernel_process_and_a_shutdown_ends_it()
    {
        ScriptSucceeds("kernel_lifecycle.py", TimeSpan.FromMinutes(3), "lifecycle ok");
    }

    /// <summary>
    /// The kernel rehearses an execute_request of its own and compiles throwaway cells while the user reads; its client sees
    /// none of it: only answers to its own requests, its first cell is execution 1, history holds its cells only. A new cell
    /// (loaded without its symbols) that fails still gives its line.
    /// </summary>
    [Fact]
    public void The_kernels_warm_up_is_invisible_to_its_client()
    {
        ScriptSucceeds("kernel_warmup.py", TimeSpan.FromMinutes(4), "warm-up ok");
    }

    /// <summary>Runs a jupyter_client script against the kernel; it must exit cleanly and print <paramref name="done"/>.</summary>
    private void ScriptSucceeds(string script, TimeSpan timeout, string done)
    {
        _jupyter.RequireModules("jupyter_client");
        var (code, stdout, stderr) = _jupyter.Run(JupyterEnvironment.Python, timeout, JupyterEnvironment.Script(script), JupyterEnvironment.KernelName);
        Assert.True(code == 0, $"{stdout}\n{stderr}\nkernel log:\n{_jupyter.Log}");
        Assert.Contains(done, stdout);
    }
}
