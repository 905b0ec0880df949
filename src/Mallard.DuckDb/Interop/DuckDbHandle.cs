using System.Runtime.InteropServices;

namespace Mallard.DuckDb.Interop;

/// <summary>
/// A native DuckDB object we own. A handle made from another (a connection from a database, a prepared
/// statement from a connection) keeps its parent alive, so the natives are destroyed exactly once, children
/// first, whatever order the managed objects are disposed or finalized in.
/// </summary>
internal abstract class DuckDbHandle : SafeHandle
{
    private DuckDbHandle? _parent;

    protected DuckDbHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>Takes ownership of <paramref name="native"/>, keeping <paramref name="parent"/> alive until this handle is released.</summary>
    protected void Adopt(nint native, DuckDbHandle? parent)
    {
        if (parent is not null)
        {
            var added = false;
            parent.DangerousAddRef(ref added);
            _parent = parent;
        }
        SetHandle(native);
    }

    protected sealed override bool ReleaseHandle()
    {
        var released = Destroy(handle);
        var parent = Interlocked.Exchange(ref _parent, null);
        parent?.DangerousRelease();
        return released;
    }

    /// <summary>Destroys the native object; called exactly once.</summary>
    protected abstract bool Destroy(nint native);
}

internal sealed class DatabaseHandle : DuckDbHandle
{
    public DatabaseHandle()
    {
    }

    public DatabaseHandle(nint native) => Adopt(native, null);

    protected override bool Destroy(nint native)
    {
        NativeMethods.Close(ref native);
        return true;
    }
}

internal sealed class ConnectionHandle : DuckDbHandle
{
    public ConnectionHandle()
    {
    }

    public ConnectionHandle(nint native, DatabaseHandle database) => Adopt(native, database);

    protected override bool Destroy(nint native)
    {
        NativeMethods.Disconnect(ref native);
        return true;
    }
}

internal sealed class PreparedStatementHandle : DuckDbHandle
{
    public PreparedStatementHandle()
    {
    }

    public PreparedStatementHandle(nint native, ConnectionHandle connection) => Adopt(native, connection);

    protected override bool Destroy(nint native)
    {
        NativeMethods.DestroyPrepare(ref native);
        return true;
    }
}

internal sealed class ExtractedStatementsHandle : DuckDbHandle
{
    public ExtractedStatementsHandle(nint native, ConnectionHandle connection) => Adopt(native, connection);

    protected override bool Destroy(nint native)
    {
        NativeMethods.DestroyExtracted(ref native);
        return true;
    }
}

internal sealed class AppenderHandle : DuckDbHandle
{
    public AppenderHandle()
    {
    }

    public AppenderHandle(nint native, ConnectionHandle connection) => Adopt(native, connection);

    protected override bool Destroy(nint native)
    {
        // duckdb_appender_destroy flushes; the appender closes explicitly before this runs, and a finalizer
        // destroying an unclosed one only loses rows it was never told to flush.
        NativeMethods.AppenderDestroy(ref native);
        return true;
    }
}

internal sealed class DataChunkHandle : DuckDbHandle
{
    public DataChunkHandle(nint native) => Adopt(native, null);

    public nint Chunk => handle;

    protected override bool Destroy(nint native)
    {
        NativeMethods.DestroyDataChunk(ref native);
        return true;
    }
}

/// <summary>Owns a <c>duckdb_result</c> struct in native memory, and the result it holds.</summary>
internal sealed unsafe class ResultHandle : DuckDbHandle
{
    public ResultHandle(PreparedStatementHandle statement)
    {
        var memory = NativeMemory.AllocZeroed((nuint)sizeof(DuckDbResultStruct));
        Adopt((nint)memory, statement);
    }

    public DuckDbResultStruct* Result => (DuckDbResultStruct*)handle;

    protected override bool Destroy(nint native)
    {
        NativeMethods.DestroyResult((DuckDbResultStruct*)native);
        NativeMemory.Free((void*)native);
        return true;
    }
}

/// <summary>A logical type we must destroy; disposed right after it has been read into a <see cref="Data.DataType"/>.</summary>
internal sealed class LogicalTypeScope : IDisposable
{
    private nint _native;

    public LogicalTypeScope(nint native) => _native = native;

    public nint Native => _native;

    public void Dispose()
    {
        var native = Interlocked.Exchange(ref _native, nint.Zero);
        if (native != nint.Zero) NativeMethods.DestroyLogicalType(ref native);
    }
}
