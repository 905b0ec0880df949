namespace Mallard.Jupyter.Kernel;

/// <summary><c>comm_open</c>: no comm targets are registered, so the comm is closed at once (as ipykernel does for an unknown target).</summary>
internal sealed class CommOpenHandler(JupyterKernel kernel) : IRequestHandler
{
    public string MessageType => "comm_open";

    public Task HandleAsync(KernelRequest request, CancellationToken cancellationToken)
    {
        var id = request.Message.GetString("comm_id");
        kernel.Log.Info($"comm_open for unknown target '{request.Message.GetString("target_name")}'; closing comm {id}.");
        kernel.Publisher.Publish("comm_close", request.Message.HeaderBytes, JsonContent.Object(w =>
        {
            w.WriteString("comm_id", id);
            w.WriteStartObject("data");
            w.WriteEndObject();
        }));
        return Task.CompletedTask;
    }
}
