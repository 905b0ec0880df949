namespace Mallard.Notebooks;

/// <summary>One cell of a Polyglot Notebooks <c>.dib</c> file: the kernel it runs in (<c>csharp</c>, <c>markdown</c>, <c>sql</c>, <c>sql-NAME</c>...) and its text.</summary>
/// <param name="KernelName">The kernel name from the cell's <c>#!</c> line, without the <c>#!</c>.</param>
/// <param name="Content">The cell's text, lines joined with "\n", without leading or trailing blank lines.</param>
public sealed record DibCell(string KernelName, string Content);
