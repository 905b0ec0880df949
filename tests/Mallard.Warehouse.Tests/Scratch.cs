namespace Mallard.Warehouse.Tests;

/// <summary>A temporary directory, deleted with everything in it on dispose.</summary>
internal sealed class Scratch : IDisposable
{
    public Scratch()
    {
        Directory = Path.Combine(Path.GetTempPath(), "mallard-warehouse-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string File(string name) => Path.Combine(Directory, name);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
