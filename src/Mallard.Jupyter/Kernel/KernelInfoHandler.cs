using System.Reflection;
using Mallard.Jupyter.Protocol;

namespace Mallard.Jupyter.Kernel;

/// <summary><c>kernel_info_request</c>, on shell and on control.</summary>
internal sealed class KernelInfoHandler(JupyterKernel kernel) : IRequestHandler
{
    private static readonly string Version =
        typeof(KernelInfoHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private readonly byte[] _content = JsonContent.Object(w =>
    {
        w.WriteString("status", "ok");
        w.WriteString("protocol_version", MessageHeader.ProtocolVersion);
        w.WriteString("implementation", "mallard");
        w.WriteString("implementation_version", Version);
        w.WriteString("banner", $"Mallard {Version}: C# and SQL on DuckDB. A cell is C#; start it with #!sql for SQL.");
        w.WriteStartArray("help_links");
        w.WriteStartObject();
        w.WriteString("text", "DuckDB SQL");
        w.WriteString("url", "https://duckdb.org/docs/sql/introduction");
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("text", "C# language");
        w.WriteString("url", "https://learn.microsoft.com/dotnet/csharp/");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteBoolean("debugger", false);
        w.WriteStartObject("language_info");
        w.WriteString("name", "csharp");
        w.WriteString("version", "14.0");
        w.WriteString("mimetype", "text/x-csharp");
        w.WriteString("file_extension", ".cs");
        w.WriteString("pygments_lexer", "csharp");
        w.WriteString("codemirror_mode", "text/x-csharp");
        w.WriteEndObject();
    });

    public string MessageType => "kernel_info_request";

    public Task HandleAsync(KernelRequest request, CancellationToken cancellationToken)
    {
        _ = kernel;
        return request.ReplyAsync(_content);
    }
}
