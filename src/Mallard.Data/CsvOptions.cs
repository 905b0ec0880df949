namespace Mallard.Data;

/// <summary>
/// How <see cref="Frame.WriteCsv(TextWriter, CsvOptions?)"/> writes CSV. Fields are quoted with
/// <c>"</c> as RFC 4180 describes. The defaults: comma, a header row, NULL as an empty field, <c>\n</c>
/// line ends.
/// </summary>
public sealed record CsvOptions
{
    private readonly char _delimiter = ',';
    private readonly string _nullText = "";
    private readonly string _newLine = "\n";

    public static CsvOptions Default { get; } = new();

    /// <summary>The field separator; it cannot be <c>"</c>, CR or LF.</summary>
    public char Delimiter
    {
        get => _delimiter;
        init
        {
            if (value is '"' or '\r' or '\n')
                throw new ArgumentException("A CSV delimiter cannot be a double quote, CR or LF.", nameof(value));
            _delimiter = value;
        }
    }

    /// <summary>Whether the first line holds the column names.</summary>
    public bool Header { get; init; } = true;

    /// <summary>
    /// The text written for NULL (empty by default). A value whose text equals it is quoted, so an empty
    /// string is written as <c>""</c> when NULL is the empty field.
    /// </summary>
    public string NullText
    {
        get => _nullText;
        init => _nullText = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The line end written after every row, <c>\n</c> by default.</summary>
    public string NewLine
    {
        get => _newLine;
        init
        {
            ArgumentException.ThrowIfNullOrEmpty(value);
            _newLine = value;
        }
    }
}
