using System.Text.Json.Nodes;
using Mallard.Display;

namespace Mallard.Notebooks;

/// <summary>The value of a cell's trailing expression (<c>execute_result</c>).</summary>
public sealed class ExecuteResultOutput : RichOutput
{
    /// <summary>A result with the given content and execution count.</summary>
    public ExecuteResultOutput(JsonObject data, int? executionCount, JsonObject? metadata = null)
        : base(data, metadata)
    {
        ExecutionCount = executionCount;
    }

    /// <summary>A result for a bundle from the engine.</summary>
    public static ExecuteResultOutput From(MimeBundle bundle, int? executionCount)
        => new(DataFrom(bundle), executionCount, MetadataFrom(bundle));

    /// <inheritdoc />
    public override string OutputType => "execute_result";

    /// <summary>The execution count of the cell that produced it.</summary>
    public int? ExecutionCount { get; set; }
}
