namespace Mallard.Jupyter.Kernel;

/// <summary><c>interrupt_request</c> (control, interrupt_mode "message"): cancels the running cell.</summary>
internal sealed class InterruptHandler(JupyterKernel kernel) : IRequestHandler
{
    public string MessageType => "interrupt_request";

    public Task HandleAsync(KernelRequest request, CancellationToken cancellationToken)
    {
        kernel.Log.Info("interrupt_request: interrupting the running cell.");
        kernel.Interrupt();
        return request.ReplyAsync(JsonContent.Object(w => w.WriteString("status", "ok")));
    }
}
