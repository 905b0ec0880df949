namespace Mallard.Warehouse.Tests;

/// <summary>A temporary directory, deleted with everything in it on dispose.</summary>
internal sealed class Scratch : IDisposable
{
    public Scratch()
    {
        Directory = TestDirectories.Create("mallard-warehouse-");
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
