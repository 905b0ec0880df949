namespace Mallard.Jupyter.Kernel;

/// <summary><c>complete_request</c>: completions at a cursor counted in code points, with their kinds.</summary>
internal sealed class CompleteHandler(JupyterKernel kernel) : IRequestHandler
{
    public string MessageType => "complete_request";

    public async Task HandleAsync(KernelRequest request, CancellationToken cancellationToken)
    {
        var code = request.Message.GetString("code");
        var cursor = request.Message.GetInt("cursor_pos", int.MaxValue);
        var position = CodePoints.ToUtf16(code, cursor);
        var engine = await kernel.GetEngineAsync();
        var result = await engine.CompleteAsync(code, position, cancellationToken);
        var start = CodePoints.FromUtf16(code, result.Start);
        var end = CodePoints.FromUtf16(code, result.End);
        await request.ReplyAsync(JsonContent.Object(w =>
        {
            w.WriteString("status", "ok");
            JsonContent.WriteStrings(w, "matches", result.Items.Select(i => i.Text));
            w.WriteNumber("cursor_start", start);
            w.WriteNumber("cursor_end", end);
            w.WriteStartObject("metadata");
            w.WriteStartArray("_jupyter_types_experimental");
            foreach (var item in result.Items)
            {
                w.WriteStartObject();
                w.WriteNumber("start", start);
                w.WriteNumber("end", end);
                w.WriteString("text", item.Text);
                w.WriteString("type", item.Kind);
                w.WriteString("signature", item.Detail ?? "");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }
}
