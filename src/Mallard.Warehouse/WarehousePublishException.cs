namespace Mallard.Warehouse;

/// <summary>A publish that cannot go ahead, with what is wrong and what to do; nothing published was changed.</summary>
public sealed class WarehousePublishException : Exception
{
    public WarehousePublishException() { }

    public WarehousePublishException(string message) : base(message) { }

    public WarehousePublishException(string message, Exception innerException) : base(message, innerException) { }
}
