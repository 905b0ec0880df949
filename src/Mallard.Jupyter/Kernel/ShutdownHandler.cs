namespace Mallard.Jupyter.Kernel;

/// <summary><c>shutdown_request</c> (control, or shell as before protocol 5.4): replies, then stops the kernel.</summary>
internal sealed class ShutdownHandler(JupyterKernel kernel) : IRequestHandler
{
    public string MessageType => "shutdown_request";

    public async Task HandleAsync(KernelRequest request, CancellationToken cancellationToken)
    {
        var restart = request.Message.GetBool("restart", false);
        await request.ReplyAsync(JsonContent.Object(w =>
        {
            w.WriteString("status", "ok");
            w.WriteBoolean("restart", restart);
        }));
        kernel.RequestShutdown(restart);
    }
}
