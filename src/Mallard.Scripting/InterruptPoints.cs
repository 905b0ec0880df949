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

    /// <summary>How much of a cell is rewritten; the caller tries the most first and steps down when it does not compile.</summary>
    public enum Level
    {
        /// <summary>Checks at the top of loop and body blocks.</summary>
        Checks,

        /// <summary>
        /// Also <c>Thread.Sleep(...)</c>, <c>.Wait(...)</c> and <c>.WaitOne(...)</c> with at most one argument, <c>Task.WaitAll</c>,
        /// <c>Task.WaitAny</c>, <c>Monitor.Wait</c> and argument-less <c>.Join()</c>; and the sequences <c>Enumerable.Range</c> and
        /// <c>Enumerable.Repeat</c> make, checked as they are enumerated (<see cref="CellInterrupt.Checked{T}"/>).
        /// </summary>
        Waits,

        /// <summary>Also <c>.Result</c> and <c>.GetAwaiter().GetResult()</c> (guessed to be on tasks, by name).</summary>
        Results,
    }

    /// <summary>
    /// The cell with checks at loop and body starts and, from <see cref="Level.Waits"/> on, its blocking calls sent to
    /// their interruptible forms. Calls are recognised by name, not type: the caller compiles the cell at a lower level
    /// when a guess does not compile.
    /// </summary>
    public static string Insert(string code, Level level)
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
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "GetResult", Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "GetAwaiter" } awaiter, ArgumentList.Arguments.Count: 0 } }, ArgumentList.Arguments.Count: 0 } when level >= Level.Results:
                    // task.GetAwaiter().GetResult() becomes CellInterrupt.Join(task).
                    edits.Add((awaiter.Expression.SpanStart, 0, "global::Mallard.Engine.Scripting.CellInterrupt.Join("));
                    edits.Add((awaiter.Expression.Span.End, node.Span.End - awaiter.Expression.Span.End, ")"));
                    break;
                case MemberAccessExpressionSyntax { Name.Identifier.Text: "Result", Name: IdentifierNameSyntax } result when level >= Level.Results
                    && result.Parent is not InvocationExpressionSyntax
                    && !(result.Parent is AssignmentExpressionSyntax assignment && assignment.Left == result)
                    && result.Expression is not (ThisExpressionSyntax or BaseExpressionSyntax):
                    // task.Result becomes CellInterrupt.Result(task).
                    edits.Add((result.Expression.SpanStart, 0, "global::Mallard.Engine.Scripting.CellInterrupt.Result("));
                    edits.Add((result.Expression.Span.End, result.Span.End - result.Expression.Span.End, ")"));
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: IdentifierNameSyntax } member, ArgumentList: var arguments } when level >= Level.Waits:
                    var count = arguments.Arguments.Count;
                    var name = member.Name.Identifier.Text;
                    var type = member.Expression.ToString();
                    if (name is "Range" or "Repeat" && count == 2 && type is "Enumerable" or "System.Linq.Enumerable" or "global::System.Linq.Enumerable")
                    {
                        // Enumerable.Range(a, n) becomes CellInterrupt.Checked(Enumerable.Range(a, n)): LINQ over it stops when interrupted.
                        edits.Add((node.SpanStart, 0, "global::Mallard.Engine.Scripting.CellInterrupt.Checked("));
                        edits.Add((node.Span.End, 0, ")"));
                    }
                    else if (name == "Sleep" && count == 1 && type is "Thread" or "System.Threading.Thread" or "global::System.Threading.Thread")
                        edits.Add((member.SpanStart, member.Span.Length, "global::Mallard.Engine.Scripting.CellInterrupt.Sleep"));
                    else if (name is "WaitAll" or "WaitAny" && count >= 1 && type is "Task" or "System.Threading.Tasks.Task" or "global::System.Threading.Tasks.Task")
                        edits.Add((member.SpanStart, member.Span.Length, "global::Mallard.Engine.Scripting.CellInterrupt." + name));
                    else if (name == "Wait" && count is 1 or 2 && type is "Monitor" or "System.Threading.Monitor" or "global::System.Threading.Monitor")
                        edits.Add((member.SpanStart, member.Span.Length, "global::Mallard.Engine.Scripting.CellInterrupt.MonitorWait"));
                    else if ((name is "Wait" or "WaitOne" && count <= 1) || (name == "Join" && count == 0))
                    {
                        // x.Wait(...) becomes CellInterrupt.Wait(x, ...), within the same characters' lines.
                        edits.Add((member.Expression.SpanStart, 0, "global::Mallard.Engine.Scripting.CellInterrupt." + name + "("));
                        edits.Add((member.Expression.Span.End, arguments.OpenParenToken.Span.End - member.Expression.Span.End, count == 0 ? "" : ", "));
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
