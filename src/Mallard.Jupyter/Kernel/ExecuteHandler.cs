using Mallard.Engine;

namespace Mallard.Jupyter.Kernel;

/// <summary>
/// <c>execute_request</c>: execute_input, the cell's outputs on IOPub, then the reply. Counts executions
/// that store history, reports a failure as an <c>error</c> output plus an error reply, and after a
/// failure with stop_on_error has the kernel abort the execute requests already queued.
/// </summary>
internal sealed class ExecuteHandler(JupyterKernel kernel) : IRequestHandler
{
    public string MessageType => "execute_request";

    public async Task HandleAsync(KernelRequest request, CancellationToken cancellationToken)
    {
        var message = request.Message;
        var code = message.GetString("code");
        var silent = message.GetBool("silent", false);
        var storeHistory = !silent && message.GetBool("store_history", true);
        var allowStdin = message.GetBool("allow_stdin", true);
        var stopOnError = message.GetBool("stop_on_error", true);
        if (storeHistory)
        {
            kernel.ExecutionCount++;
            kernel.History.Add(kernel.ExecutionCount, code);
        }
        var count = kernel.ExecutionCount;

        CellOutcome outcome;
        var output = new KernelCellOutput(kernel, request, count, silent, allowStdin);
        // The cell counts as running before the front end hears of it: an interrupt sent as soon as execute_input arrives
        // reaches it.
        var cell = kernel.BeginCell(text => output.Stream(OutputStreamKind.Stderr, text));
        output.CellToken = cell.Token;
        try
        {
            if (!silent)
            {
                kernel.Publisher.Publish("execute_input", message.HeaderBytes, JsonContent.Object(w =>
                {
                    w.WriteString("code", code);
                    w.WriteNumber("execution_count", count);
                }));
            }
            var engine = await kernel.GetEngineAsync();
            outcome = await engine.ExecuteAsync(code, kernel.CellKernels.Find(message.MetadataBytes), output, cell.Token);
        }
        catch (OperationCanceledException) when (cell.IsCancellationRequested)
        {
            outcome = new CellOutcome(CellStatus.Cancelled,
                new CellError(CellErrorKind.Interrupted, "Interrupted", "The cell was interrupted.", ["Interrupted: the cell was interrupted."]), TimeSpan.Zero);
        }
        catch (Exception e)
        {
            kernel.Log.Error("execute_request: the session failed", e);
            outcome = new CellOutcome(CellStatus.Error,
                new CellError(CellErrorKind.Runtime, e.GetType().Name, e.Message, [$"{e.GetType().Name}: {e.Message}"]), TimeSpan.Zero);
        }
        finally
        {
            kernel.EndCell(cell);
            output.Complete();
        }
        if (storeHistory && output.ResultText is { } resultText) kernel.History.SetOutput(count, resultText);

        if (outcome.Succeeded)
        {
            await request.ReplyAsync(JsonContent.Object(w =>
            {
                w.WriteString("status", "ok");
                w.WriteNumber("execution_count", count);
                w.WriteStartArray("payload");
                w.WriteEndArray();
                w.WriteStartObject("user_expressions");
                w.WriteEndObject();
            }));
            return;
        }

        var error = outcome.Error ?? new CellError(CellErrorKind.Runtime, "Error", "The cell failed.", ["The cell failed."]);
        var traceback = error.Traceback.Count > 0 ? error.Traceback : [$"{error.Name}: {error.Message}"];
        if (!silent)
        {
            kernel.Publisher.Publish("error", message.HeaderBytes, JsonContent.Object(w =>
            {
                w.WriteString("ename", error.Name);
                w.WriteString("evalue", error.Message);
                JsonContent.WriteStrings(w, "traceback", traceback);
            }));
        }
        await request.ReplyAsync(JsonContent.Object(w =>
        {
            w.WriteString("status", "error");
            w.WriteNumber("execution_count", count);
            w.WriteString("ename", error.Name);
            w.WriteString("evalue", error.Message);
            JsonContent.WriteStrings(w, "traceback", traceback);
        }));
        if (stopOnError && !silent) kernel.StartAborting();
    }
}
