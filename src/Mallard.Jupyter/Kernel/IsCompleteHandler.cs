using Mallard.Engine;

namespace Mallard.Jupyter.Kernel;

/// <summary><c>is_complete_request</c>: whether a console should run the input or wait for more.</summary>
internal sealed class IsCompleteHandler(JupyterKernel kernel) : IRequestHandler
{
    public string MessageType => "is_complete_request";

    public async Task HandleAsync(KernelRequest request, CancellationToken cancellationToken)
    {
        var code = request.Message.GetString("code");
        var engine = await kernel.GetEngineAsync();
        var status = engine.IsComplete(code) switch
        {
            InputCompleteness.Complete => "complete",
            InputCompleteness.Incomplete => "incomplete",
            InputCompleteness.Invalid => "invalid",
            _ => "unknown",
        };
        await request.ReplyAsync(JsonContent.Object(w =>
        {
            w.WriteString("status", status);
            if (status == "incomplete") w.WriteString("indent", Indent(code));
        }));
    }

    /// <summary>The next line's indent: the last line's, one level deeper after an opening brace.</summary>
    private static string Indent(string code)
    {
        var lastLine = code.TrimEnd('\n', '\r');
        lastLine = lastLine[(lastLine.LastIndexOf('\n') + 1)..];
        var indent = lastLine[..(lastLine.Length - lastLine.TrimStart(' ', '\t').Length)];
        return lastLine.TrimEnd().EndsWith('{') ? indent + "    " : indent;
    }
}
