using Mallard.DuckDb;

// Usage:
//   hold <path>   opens <path> read-write, writes "ready" to stdout, and keeps it open until stdin closes.
//   load          loads the native library and opens an in-memory database; prints the library version,
//                 or the DuckDbLibraryException's message and exits with 3.
switch (args.Length > 0 ? args[0] : "")
{
    case "hold" when args.Length == 2:
        using (var database = DuckDbDatabase.Open(args[1]))
        using (var connection = database.Connect())
        {
            connection.Execute("CREATE TABLE IF NOT EXISTS held AS SELECT 42 AS answer");
            Console.Out.WriteLine("ready");
            Console.Out.Flush();
            Console.In.ReadToEnd();
        }
        return 0;
    case "load":
        try
        {
            using var database = DuckDbDatabase.OpenInMemory();
            Console.Out.WriteLine(DuckDbDatabase.LibraryVersion);
            return 0;
        }
        catch (DuckDbLibraryException e)
        {
            Console.Out.WriteLine(e.Message);
            return 3;
        }
    default:
        Console.Error.WriteLine("usage: hold <path> | load");
        return 2;
}
