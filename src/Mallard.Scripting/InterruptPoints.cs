using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mallard.Engine.Scripting;

/// <summary>
/// Rewrites a cell's C# so that an interrupt stops it (see <see cref="CellInterrupt"/>). Everything is inserted within the
/// lines it belongs to, so the cell's line numbers hold in stack traces; compile errors come from the cell as written.
/// </summary>
internal static class InterruptPoints
{
    private const string Check = " global::Mallard.Engine.Scripting.CellInterrupt.Check();";

    private static readonly CSharpParseOptions Script = new(LanguageVersion.Preview, kind: SourceCodeKind.Script);

    /// <summary>
    /// The cell with checks at loop and body starts; with <paramref name="blockingCalls"/>, also with its <c>Thread.Sleep</c>
    /// and argument-less <c>.Wait()</c> calls sent to their interruptible forms (a guess by name, so the caller compiles the
    /// cell without them when that guess does not compile).
    /// </summary>
    public static string Insert(string code, bool blockingCalls)
    {
        var root = CSharpSyntaxTree.ParseText(code, Script).GetRoot();
        var edits = new List<(int Start, int Length, string Text)>();
        foreach (var node in root.DescendantNodes())
        {
            switch (node)
            {
                case WhileStatementSyntax loop: Body(loop.Statement); break;
                case DoStatementSyntax loop: Body(loop.Statement); break;
                case ForStatementSyntax loop: Body(loop.Statement); break;
                case CommonForEachStatementSyntax loop: Body(loop.Statement); break;
                case BaseMethodDeclarationSyntax { Body: { } body }: Block(body); break;
                case LocalFunctionStatementSyntax { Body: { } body }: Block(body); break;
                case AccessorDeclarationSyntax { Body: { } body }: Block(body); break;
                case AnonymousFunctionExpressionSyntax { Block: { } body }: Block(body); break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member, ArgumentList.Arguments.Count: var count } when blockingCalls:
                    if (member.Name.Identifier.Text == "Sleep" && count == 1 && member.Expression.ToString() is "Thread" or "System.Threading.Thread" or "global::System.Threading.Thread")
                        edits.Add((member.SpanStart, member.Span.Length, "global::Mallard.Engine.Scripting.CellInterrupt.Sleep"));
                    else if (member.Name.Identifier.Text == "Wait" && count == 0 && member.Name is IdentifierNameSyntax)
                    {
                        // task.Wait() becomes CellInterrupt.Wait(task), within the same characters' lines.
                        edits.Add((member.Expression.SpanStart, 0, "global::Mallard.Engine.Scripting.CellInterrupt.Wait("));
                        edits.Add((member.Expression.Span.End, node.Span.End - member.Expression.Span.End, ")"));
                    }
                    break;
            }
        }
        if (edits.Count == 0) return code;
        var text = new System.Text.StringBuilder(code);
        // From the end, so earlier positions hold; at one position, the later edit goes in first and so ends up after.
        foreach (var (start, length, insert) in edits.Select((e, i) => (e, i)).OrderByDescending(x => x.e.Start).ThenByDescending(x => x.i).Select(x => x.e))
        {
            text.Remove(start, length);
            text.Insert(start, insert);
        }
        return text.ToString();

        void Block(BlockSyntax block)
        {
            if (!block.OpenBraceToken.IsMissing) edits.Add((block.OpenBraceToken.Span.End, 0, Check));
        }

        void Body(StatementSyntax statement)
        {
            if (statement is BlockSyntax block)
            {
                Block(block);
            }
            else if (!statement.IsMissing)
            {
                edits.Add((statement.SpanStart, 0, "{" + Check + " "));
                edits.Add((statement.Span.End, 0, " }"));
            }
        }
    }
}
