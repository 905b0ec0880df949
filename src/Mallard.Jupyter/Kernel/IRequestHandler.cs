namespace Mallard.Jupyter.Kernel;

/// <summary>Handles one request type; the kernel publishes busy before and idle after, and answers with an error reply if the handler throws.</summary>
internal interface IRequestHandler
{
    /// <summary>The message type handled, e.g. <c>execute_request</c>.</summary>
    string MessageType { get; }

    Task HandleAsync(KernelRequest request, CancellationToken cancellationToken);
}
