using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mallard.Display.Plotly;

/// <summary>Serialisation of the figure model to plotly.js JSON: attribute names in lower case, unset attributes left out, non-finite numbers as null.</summary>
internal static class PlotlyJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = Internal.Json.Encoder,
        PropertyNamingPolicy = new LowerCasePolicy(),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.Strict,
        WriteIndented = false,
        Converters = { new FiniteDoubleConverter() },
    };

    private sealed class LowerCasePolicy : JsonNamingPolicy
    {
        public override string ConvertName(string name) => name.ToLowerInvariant();
    }

    /// <summary>plotly.js reads null as a gap; JSON has no NaN or infinity.</summary>
    private sealed class FiniteDoubleConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }
    }
}
