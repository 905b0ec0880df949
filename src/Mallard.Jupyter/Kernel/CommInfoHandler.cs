namespace Mallard.Jupyter.Kernel;

/// <summary><c>comm_info_request</c>: the kernel opens no comms, so the answer is always empty.</summary>
internal sealed class CommInfoHandler : IRequestHandler
{
    public string MessageType => "comm_info_request";

    public Task HandleAsync(KernelRequest request, CancellationToken cancellationToken)
        => request.ReplyAsync(JsonContent.Object(w =>
        {
            w.WriteString("status", "ok");
            w.WriteStartObject("comms");
            w.WriteEndObject();
        }));
}
