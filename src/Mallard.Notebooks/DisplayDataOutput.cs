using System.Text.Json.Nodes;
using Mallard.Display;

namespace Mallard.Notebooks;

/// <summary>A value shown mid-cell (<c>display_data</c>).</summary>
public sealed class DisplayDataOutput : RichOutput
{
    /// <summary>Display data with the given content.</summary>
    public DisplayDataOutput(JsonObject data, JsonObject? metadata = null)
        : base(data, metadata)
    {
    }

    /// <summary>Display data for a bundle from the engine.</summary>
    public static DisplayDataOutput From(MimeBundle bundle, string? displayId = null)
        => new(DataFrom(bundle), MetadataFrom(bundle)) { DisplayId = displayId };

    /// <inheritdoc />
    public override string OutputType => "display_data";

    /// <summary>
    /// The display id the output was shown with, while a run is recording it (later updates with the
    /// same id replace it). Like Jupyter's <c>transient</c> data, it is not written to the file.
    /// </summary>
    public string? DisplayId { get; set; }
}
