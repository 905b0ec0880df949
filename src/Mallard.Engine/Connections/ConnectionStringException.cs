using System.Data.Common;

namespace Mallard.Engine.Connections;

/// <summary>A connection string the provider rejected before connecting: an unknown key or a value of the wrong form.</summary>
internal sealed class ConnectionStringException : DbException
{
    public ConnectionStringException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
