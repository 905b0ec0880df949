namespace Mallard.Warehouse;

/// <summary>A build whose result failed its quality checks; the previous warehouse was left in place.</summary>
public sealed class WarehouseCheckException : Exception
{
    public WarehouseCheckException()
        : this(new QualityReport([]))
    {
    }

    public WarehouseCheckException(string message)
        : base(message)
    {
        Report = new QualityReport([]);
    }

    public WarehouseCheckException(string message, Exception innerException)
        : base(message, innerException)
    {
        Report = new QualityReport([]);
    }

    public WarehouseCheckException(QualityReport report)
        : base("The warehouse failed its quality checks; the previous warehouse was kept.\n" + report)
    {
        Report = report;
    }

    public QualityReport Report { get; }
}
