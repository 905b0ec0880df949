namespace Mallard.Jupyter.Kernel;

/// <summary><c>inspect_request</c>: what the engine knows about the symbol at the cursor.</summary>
internal sealed class InspectHandler(JupyterKernel kernel) : IRequestHandler
{
    public string MessageType => "inspect_request";

    public async Task HandleAsync(KernelRequest request, CancellationToken cancellationToken)
    {
        var code = request.Message.GetString("code");
        var position = CodePoints.ToUtf16(code, request.Message.GetInt("cursor_pos", int.MaxValue));
        var engine = await kernel.GetEngineAsync();
        var result = await engine.InspectAsync(code, position, cancellationToken);
        await request.ReplyAsync(JsonContent.Object(w =>
        {
            w.WriteString("status", "ok");
            w.WriteBoolean("found", result.Found);
            w.WritePropertyName("data");
            w.WriteRawValue(result.Found ? result.Data.ToDataJson() : "{}", skipInputValidation: true);
            w.WritePropertyName("metadata");
            w.WriteRawValue(result.Found ? result.Data.MetadataJson : "{}", skipInputValidation: true);
        }));
    }
}
