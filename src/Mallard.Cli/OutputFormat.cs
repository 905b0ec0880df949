namespace Mallard.Cli;

/// <summary>How <c>mallard query</c> prints a result.</summary>
internal enum OutputFormat
{
    Table,
    Csv,
}
