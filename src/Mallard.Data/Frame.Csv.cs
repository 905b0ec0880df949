using System.Globalization;
using System.Text;

namespace Mallard.Data;

public sealed partial class Frame
{
    /// <summary>
    /// Writes the frame as CSV: values as DuckDB's text (<see cref="ValueText"/>), quoted as RFC 4180
    /// says when they hold the delimiter, a quote, CR or LF, or start or end with a space.
    /// </summary>
    public void WriteCsv(TextWriter writer, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        CsvWriter.Write(this, writer, options ?? CsvOptions.Default);
    }

    /// <summary>Writes the frame as a UTF-8 CSV file (no byte order mark), replacing any file at <paramref name="path"/>.</summary>
    public void WriteCsv(string path, CsvOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        WriteCsv(writer, options);
    }

    /// <summary>The frame as CSV text.</summary>
    public string ToCsv(CsvOptions? options = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteCsv(writer, options);
        return writer.ToString();
    }
}
