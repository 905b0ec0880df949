using Mallard.DuckDb;

namespace Mallard.Engine;

/// <summary>What <c>connect()</c> opens in a C# cell, whichever host runs the cell.</summary>
public static class NotebookConnections
{
    /// <summary>
    /// Opens a DuckDB connection: the warehouse at <paramref name="warehousePath"/> when <paramref name="path"/> is null, else
    /// the database at <paramref name="path"/> (relative to <paramref name="workingDirectory"/>, or <c>:memory:</c>). The caller
    /// owns it. A missing file is a <see cref="FileNotFoundException"/> saying what to do.
    /// </summary>
    public static DuckDbConnection Open(string? warehousePath, string workingDirectory, bool readOnly, string? path)
    {
        ArgumentNullException.ThrowIfNull(workingDirectory);
        string target;
        if (path is null)
        {
            target = warehousePath ?? throw new InvalidOperationException("This session has no warehouse; pass path: to connect().");
            if (!File.Exists(target))
            {
                throw new FileNotFoundException(
                    $"The gold warehouse was not found at {target}. Build it with `mallard warehouse build` (or set MALLARD_WAREHOUSE to its path).", target);
            }
        }
        else
        {
            target = path is ":memory:" ? path : Path.GetFullPath(Path.Combine(workingDirectory, path));
            if (readOnly && target != ":memory:" && !File.Exists(target))
                throw new FileNotFoundException($"The database file {target} does not exist; a read-only connection needs an existing file.", target);
        }
        var database = target == ":memory:" ? DuckDbDatabase.OpenInMemory() : DuckDbDatabase.Open(target, readOnly);
        return database.Connect();
    }
}
