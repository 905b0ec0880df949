using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mallard.Warehouse;

namespace Mallard.Interop.Tests;

/// <summary>
/// Mallard.Interactive in the real dotnet-interactive tool over <c>stdio</c>: the JSON protocol the Polyglot Notebooks
/// extension of VS Code speaks, driven here by a small client that sends command envelopes and reads event envelopes.
/// The stop test is the one a loaded machine tests hardest: there the tool was seen to lose the stopped cell's end, which
/// Mallard's SQL kernel now publishes again (see CellEndWatch).
/// </summary>
public sealed class PolyglotStdioTests : IClassFixture<PolyglotStdioTests.Tool>
{
    private readonly Tool _tool;

    public PolyglotStdioTests(Tool tool) => _tool = tool;

    [Fact]
    public async Task The_extension_loads_and_a_sql_cell_shows_a_mallard_table()
    {
        await using var kernel = await _tool.StartAsync();
        var result = await kernel.SubmitAsync("#!sql\nSELECT count(*) AS customers FROM gold.gld_customer_analytics");
        var shown = result.Single(e => e.Type == "ReturnValueProduced");
        var expected = Scalar(_tool.Warehouse, "SELECT count(*) FROM gold.gld_customer_analytics");
        Assert.Contains("class=\"mallard-table\"", shown.Formatted("text/html"), StringComparison.Ordinal);
        Assert.Contains(expected.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), shown.Formatted("text/plain"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chart_reaches_vs_code_as_a_plotly_figure_with_an_html_form()
    {
        await using var kernel = await _tool.StartAsync();
        await kernel.SubmitAsync("#!sql --name mix --quiet\nSELECT customer_segment, count(*) AS customers FROM gold.gld_customer_analytics GROUP BY 1 ORDER BY 2 DESC");
        var chart = (await kernel.SubmitAsync("Chart.Bar(mix, \"customer_segment\", \"customers\")")).Single(e => e.Type == "ReturnValueProduced");
        var figure = JsonNode.Parse(chart.Formatted("application/vnd.plotly.v1+json"))!;
        var total = figure["data"]![0]!["y"]!.AsArray().Sum(y => y!.GetValue<long>());
        Assert.Equal(Scalar(_tool.Warehouse, "SELECT count(*) FROM gold.gld_customer_analytics"), total);
        Assert.Contains("class=\"mallard-plot\"", chart.Formatted("text/html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sql_error_fails_the_cell_with_duckdbs_message_and_the_kernel_goes_on()
    {
        await using var kernel = await _tool.StartAsync();
        var failed = (await kernel.SubmitAsync("#!sql\nSELECT no_such_column FROM gold.gld_customer_analytics", expectFailure: true)).Single(e => e.Type == "CommandFailed");
        var message = failed.Event["message"]!.GetValue<string>();
        Assert.Contains("no_such_column", message, StringComparison.Ordinal);
        Assert.Contains("line 2", message, StringComparison.Ordinal);
        await kernel.SubmitAsync("#!sql\nSELECT 1 AS still_running");
    }

    [Fact]
    public async Task The_stop_button_interrupts_a_running_query_and_the_cell_ends()
    {
        await using var kernel = await _tool.StartAsync();
        // A query that runs for minutes; the cell reports progress after half a second, and then the client stops it.
        var running = kernel.SubmitAsync("#!sql\nSELECT count(*) FROM range(1000000000000) a WHERE a.range % 7 = 3", expectFailure: true);
        await kernel.WaitForAsync(e => e.Type == "DisplayedValueProduced" && e.Formatted("text/plain").StartsWith("SELECT count(*) FROM range", StringComparison.Ordinal));
        await kernel.SendAsync("Cancel", new JsonObject());
        var events = await running;
        Assert.Contains(events, e => e.Type == "CommandFailed");
        await kernel.SubmitAsync("#!sql\nSELECT 1 AS after_the_stop");
    }

    private static long Scalar(string warehouse, string sql)
    {
        using var database = Mallard.DuckDb.DuckDbDatabase.Open(warehouse, readOnly: true);
        using var connection = database.Connect();
        return Convert.ToInt64(connection.Query(sql).Columns[0].GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The tool, the packed extension and a small warehouse, shared by the tests of this class.</summary>
    public sealed class Tool : IDisposable
    {
        private readonly DotnetInteractive _tool;

        public Tool()
        {
            Root = TestDirectories.Create("mallard-stdio-");
            Warehouse = Path.Combine(Root, "mallard.duckdb");
            WarehouseBuilder.Build(Warehouse, new WarehouseBuildOptions { Scale = 300 });
            _tool = DotnetInteractive.Prepare(Root);
        }

        public string Root { get; }

        public string Warehouse { get; }

        /// <summary>Starts the tool over stdio and loads Mallard as a notebook's first cell would.</summary>
        public async Task<StdioKernel> StartAsync()
        {
            var kernel = StdioKernel.Start(_tool.Tool, Root, Warehouse);
            await kernel.SubmitAsync(_tool.LoadLines);
            return kernel;
        }

        public void Dispose()
        {
            _tool.Dispose();
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A tool still exiting holds a file; the temporary folder goes later.
            }
        }
    }
}

/// <summary>One event envelope from the tool: its type, the event, and the token of the command it belongs to.</summary>
public sealed record KernelEvent(string Type, JsonObject Event, string? Token)
{
    /// <summary>The value of one MIME type among the event's formatted values.</summary>
    public string Formatted(string mimeType) =>
        TryFormatted(mimeType)
        ?? throw new Xunit.Sdk.XunitException($"The {Type} event has no {mimeType}: {Event.ToJsonString()[..Math.Min(400, Event.ToJsonString().Length)]}");

    /// <summary>The value of one MIME type among the event's formatted values, or null when it has none.</summary>
    public string? TryFormatted(string mimeType) =>
        Event["formattedValues"]?.AsArray().FirstOrDefault(f => f!["mimeType"]!.GetValue<string>() == mimeType)?["value"]?.GetValue<string>();
}

/// <summary>
/// A client of <c>dotnet-interactive stdio</c>: command envelopes in on standard input, event envelopes out, a JSON object
/// per line. Every event is kept in order, and every waiter reads them all from its own starting point, so two waiters
/// (a running cell and a test watching its progress) never take an event from each other.
/// </summary>
public sealed class StdioKernel : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);
    private readonly Process _process;
    private readonly List<KernelEvent> _events = [];
    private TaskCompletionSource _more = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _ended;
    private readonly System.Text.StringBuilder _stderr = new();
    private readonly string _logs;
    private int _tokens;

    private StdioKernel(Process process, string logs)
    {
        _process = process;
        _logs = logs;
    }

    public static StdioKernel Start(string tool, string workingDirectory, string warehouse)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The tool's own log, whose end a failure shows: what its scheduler did with each command.
        var logs = Path.Combine(workingDirectory, "logs-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(logs);
        foreach (var arg in new[] { "stdio", "--working-dir", workingDirectory, "--log-path", logs }) start.ArgumentList.Add(arg);
        start.Environment[WarehouseLocation.EnvironmentVariable] = warehouse;
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        var kernel = new StdioKernel(Process.Start(start)!, logs);
        kernel._process.ErrorDataReceived += (_, e) =>
        {
            lock (kernel._stderr) kernel._stderr.AppendLine(e.Data);
        };
        kernel._process.BeginErrorReadLine();
        _ = Task.Run(kernel.ReadEvents);
        return kernel;
    }

    /// <summary>How many events have arrived so far: a starting point for <see cref="WaitForAsync"/>.</summary>
    public int Position
    {
        get
        {
            lock (_events) return _events.Count;
        }
    }

    /// <summary>Sends a command envelope; returns its token.</summary>
    public async Task<string> SendAsync(string commandType, JsonObject command)
    {
        var token = "test-" + Interlocked.Increment(ref _tokens).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var envelope = new JsonObject { ["token"] = token, ["commandType"] = commandType, ["command"] = command };
        await _process.StandardInput.WriteLineAsync(envelope.ToJsonString());
        await _process.StandardInput.FlushAsync();
        return token;
    }

    /// <summary>
    /// Submits a cell to a kernel (by default C#, whose magics route it on; VS Code sends a cell whose kernel the user picked
    /// straight to that kernel) and returns its events, up to the one that ends it.
    /// </summary>
    public async Task<IReadOnlyList<KernelEvent>> SubmitAsync(string code, bool expectFailure = false, string kernel = "csharp")
    {
        var from = Position;
        var token = await SendAsync("SubmitCode", new JsonObject { ["code"] = code, ["targetKernelName"] = kernel });
        var events = new List<KernelEvent>();
        var end = await WaitForAsync(e =>
        {
            if (e.Token is { } t && (t == token || t.StartsWith(token + ".", StringComparison.Ordinal))) events.Add(e);
            return e.Token == token && e.Type is "CommandSucceeded" or "CommandFailed";
        }, from);
        if (!expectFailure && end.Type == "CommandFailed")
            Assert.Fail($"The cell failed: {end.Event["message"]}\n--- cell ---\n{code}");
        if (expectFailure && end.Type == "CommandSucceeded") Assert.Fail($"The cell should have failed:\n{code}");
        return events;
    }

    /// <summary>
    /// Waits for the first event from <paramref name="from"/> on (by default from now on) that <paramref name="match"/>
    /// accepts; fails when the tool exits first or nothing matches within the limit, naming the last events it sent.
    /// </summary>
    public async Task<KernelEvent> WaitForAsync(Func<KernelEvent, bool> match, int? from = null)
    {
        var index = from ?? Position;
        using var limit = new CancellationTokenSource(Limit);
        while (true)
        {
            Task more;
            lock (_events)
            {
                for (; index < _events.Count; index++)
                    if (match(_events[index])) return _events[index];
                if (_ended) throw Failure("the tool exited");
                more = _more.Task;
            }
            try
            {
                await more.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw Failure($"nothing within {Limit}");
            }
        }
    }

    private Xunit.Sdk.XunitException Failure(string why)
    {
        string stderr;
        lock (_stderr) stderr = _stderr.ToString();
        string seen;
        lock (_events) seen = string.Join("\n", _events.TakeLast(20).Select(e => $"  {e.Type} ({e.Token})"));
        var log = Directory.EnumerateFiles(_logs, "*.log").OrderBy(f => f, StringComparer.Ordinal).LastOrDefault() is { } file
            ? string.Join("\n", ReadShared(file).Split('\n').TakeLast(60))
            : "(none)";
        return new Xunit.Sdk.XunitException(
            $"No matching event from dotnet-interactive: {why}. The last events it sent:\n{seen}\nIts standard error:\n{stderr}\nThe end of its log:\n{log}");
    }

    /// <summary>A file the tool still writes to.</summary>
    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private void ReadEvents()
    {
        try
        {
            while (_process.StandardOutput.ReadLine() is { } line)
            {
                if (!line.StartsWith('{')) continue;
                var envelope = JsonNode.Parse(line)!.AsObject();
                if (envelope["eventType"]?.GetValue<string>() is not { } type) continue;
                var token = envelope["command"]?["token"]?.GetValue<string>();
                Arrived(new KernelEvent(type, envelope["event"]?.AsObject() ?? [], token), end: false);
            }
        }
        catch (JsonException)
        {
            // A line that is not an envelope ends the reading; the waiting test then reports what the tool wrote.
        }
        finally
        {
            Arrived(null, end: true);
        }
    }

    private void Arrived(KernelEvent? next, bool end)
    {
        TaskCompletionSource waiting;
        lock (_events)
        {
            if (next is not null) _events.Add(next);
            _ended |= end;
            waiting = _more;
            _more = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        waiting.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }
}
