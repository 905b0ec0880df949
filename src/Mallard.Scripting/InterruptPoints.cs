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
    /// <summary>What every inserted call starts with.</summary>
    private const string Interrupt = "global::Mallard.Engine.Scripting.CellInterrupt.";

    private const string Check = " " + Interrupt + "Check();";

    private static readonly CSharpParseOptions Script = new(LanguageVersion.Preview, kind: SourceCodeKind.Script);

    /// <summary>How much of a cell is rewritten; the caller tries the most first and steps down when it does not compile.</summary>
    public enum Level
    {
        /// <summary>Checks at the top of loop and body blocks, and before each <c>goto</c>.</summary>
        Checks,

        /// <summary>
        /// Also <c>Thread.Sleep(...)</c>, <c>.Wait(...)</c> and <c>.WaitOne(...)</c> with at most one argument, <c>Task.WaitAll</c>,
        /// <c>Task.WaitAny</c>, <c>Monitor.Wait</c> and argument-less <c>.Join()</c>; and the sequences <c>Enumerable.Range</c> and
        /// <c>Enumerable.Repeat</c> make, checked as they are enumerated (<see cref="CellInterrupt.Checked{T}"/>); what each
        /// <c>await</c> and <c>await foreach</c> waits for (<see cref="CellInterrupt.Await(Task)"/>); a process's <c>WaitForExit</c>,
        /// a blocking collection's <c>Take()</c> and <c>GetConsumingEnumerable()</c>, and a barrier's <c>SignalAndWait()</c>.
        /// </summary>
        Waits,

        /// <summary>Also <c>.Result</c> and <c>.GetAwaiter().GetResult()</c> (guessed to be on tasks, by name).</summary>
        Results,

        /// <summary>
        /// Also a check in lambdas with an expression body (a recursive lambda): a body that cannot be void becomes a block with
        /// the check, and a body that is a call takes the check in its first argument (<see cref="CellInterrupt.Going"/>).
        /// Neither compiles in an expression tree, so a cell with one is compiled again without them.
        /// </summary>
        Lambdas,
    }

    /// <summary>
    /// The cell with checks at loop and body starts and before gotos (expression bodies of methods, local functions, operators,
    /// properties and accessors become blocks to take one: recursion stops too) and, from <see cref="Level.Waits"/> on, its blocking calls sent to
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
                case CommonForEachStatementSyntax loop:
                    Body(loop.Statement);
                    // await foreach (var x in source) goes through CellInterrupt.AwaitEach(source): each step's wait ends on an interrupt.
                    if (loop.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword) && level >= Level.Waits) Wrap(loop.Expression, "AwaitEach");
                    break;
                // A goto can loop too ("again: ...; goto again;", "goto case"): the check comes before the jump.
                case GotoStatementSyntax jump: Body(jump); break;
                case BaseMethodDeclarationSyntax { Body: { } body }: Block(body); break;
                case LocalFunctionStatementSyntax { Body: { } body }: Block(body); break;
                case AccessorDeclarationSyntax { Body: { } body }: Block(body); break;
                case AnonymousFunctionExpressionSyntax { Block: { } body }: Block(body); break;
                case BaseMethodDeclarationSyntax { ExpressionBody: { } arrow } member:
                    // Constructors and finalizers return nothing; operators and conversions always return something.
                    Arrow(arrow, member.SemicolonToken, member switch
                    {
                        MethodDeclarationSyntax method => ReturnsValue(method.ReturnType, method.Modifiers),
                        OperatorDeclarationSyntax or ConversionOperatorDeclarationSyntax => true,
                        _ => false,
                    });
                    break;
                case LocalFunctionStatementSyntax { ExpressionBody: { } arrow } function: Arrow(arrow, function.SemicolonToken, ReturnsValue(function.ReturnType, function.Modifiers)); break;
                case AccessorDeclarationSyntax { ExpressionBody: { } arrow } accessor: Arrow(arrow, accessor.SemicolonToken, accessor.Keyword.IsKind(SyntaxKind.GetKeyword)); break;
                case PropertyDeclarationSyntax { ExpressionBody: { } arrow } property: Arrow(arrow, property.SemicolonToken, returns: true, getter: true); break;
                case IndexerDeclarationSyntax { ExpressionBody: { } arrow } indexer: Arrow(arrow, indexer.SemicolonToken, returns: true, getter: true); break;
                case LambdaExpressionSyntax { ExpressionBody: { } body } lambda when level >= Level.Lambdas && !MayBeVoid(body):
                    // n => expr becomes n => { check; return expr; }, within the lines of the arrow and the expression's end.
                    edits.Add((lambda.ArrowToken.Span.End, 0, " {" + Check + " return"));
                    edits.Add((body.Span.End, 0, "; }"));
                    break;
                case LambdaExpressionSyntax { ExpressionBody: InvocationExpressionSyntax { ArgumentList.Arguments: [var first, ..] } } when level >= Level.Lambdas && TakesCheck(first):
                    // x => F(x, y) becomes x => F((CellInterrupt.Going ? x : throw null!), y): the check runs before the call, whether
                    // or not the lambda returns something.
                    edits.Add((first.Expression.SpanStart, 0, "(" + Interrupt + "Going ? "));
                    edits.Add((first.Expression.Span.End, 0, " : throw null!)"));
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "GetResult", Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "GetAwaiter" } awaiter, ArgumentList.Arguments.Count: 0 } }, ArgumentList.Arguments.Count: 0 } when level >= Level.Results:
                    // task.GetAwaiter().GetResult() becomes CellInterrupt.Join(task).
                    Wrap(awaiter.Expression, "Join", upTo: node.Span.End);
                    break;
                case MemberAccessExpressionSyntax { Name.Identifier.Text: "Result", Name: IdentifierNameSyntax } result when level >= Level.Results
                    && result.Parent is not InvocationExpressionSyntax
                    && !(result.Parent is AssignmentExpressionSyntax assignment && assignment.Left == result)
                    && result.Expression is not (ThisExpressionSyntax or BaseExpressionSyntax):
                    // task.Result becomes CellInterrupt.Result(task).
                    Wrap(result.Expression, "Result", upTo: result.Span.End);
                    break;
                case AwaitExpressionSyntax { Expression: var awaited } when level >= Level.Waits:
                    // await x becomes await CellInterrupt.Await(x), and await x.ConfigureAwait(c) await CellInterrupt.Await(x).ConfigureAwait(c).
                    if (awaited is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "ConfigureAwait" } configured, ArgumentList.Arguments.Count: 1 })
                        awaited = configured.Expression;
                    Wrap(awaited, "Await");
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: IdentifierNameSyntax } member, ArgumentList: var arguments } when level >= Level.Waits:
                    var count = arguments.Arguments.Count;
                    var name = member.Name.Identifier.Text;
                    var type = member.Expression.ToString();
                    if (name is "Range" or "Repeat" && count == 2 && type is "Enumerable" or "System.Linq.Enumerable" or "global::System.Linq.Enumerable")
                    {
                        // Enumerable.Range(a, n) becomes CellInterrupt.Checked(Enumerable.Range(a, n)): LINQ over it stops when interrupted.
                        Wrap(node, "Checked");
                    }
                    else if (name == "Sleep" && count == 1 && type is "Thread" or "System.Threading.Thread" or "global::System.Threading.Thread")
                        edits.Add((member.SpanStart, member.Span.Length, Interrupt + "Sleep"));
                    else if (name is "WaitAll" or "WaitAny" && count >= 1 && type is "Task" or "System.Threading.Tasks.Task" or "global::System.Threading.Tasks.Task")
                        edits.Add((member.SpanStart, member.Span.Length, Interrupt + name));
                    else if (name == "Wait" && count is 1 or 2 && type is "Monitor" or "System.Threading.Monitor" or "global::System.Threading.Monitor")
                        edits.Add((member.SpanStart, member.Span.Length, Interrupt + "MonitorWait"));
                    else if ((name is "Wait" or "WaitOne" or "WaitForExit" && count <= 1) || (name is "Join" or "Take" or "GetConsumingEnumerable" or "SignalAndWait" && count == 0))
                    {
                        // x.Wait(...) becomes CellInterrupt.Wait(x, ...), within the same characters' lines.
                        edits.Add((member.Expression.SpanStart, 0, Interrupt + name + "("));
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

        // x becomes CellInterrupt.M(x), within the lines of x's first and last characters; what follows x up to upTo goes too
        // (the ".Result" of task.Result).
        void Wrap(SyntaxNode x, string method, int? upTo = null)
        {
            if (x.IsMissing) return;
            edits.Add((x.SpanStart, 0, Interrupt + method + "("));
            edits.Add((x.Span.End, (upTo ?? x.Span.End) - x.Span.End, ")"));
        }

        void Block(BlockSyntax block)
        {
            if (!block.OpenBraceToken.IsMissing) edits.Add((block.OpenBraceToken.Span.End, 0, Check));
        }

        // "=> expr;" becomes "{ check; return expr; }" (or "{ check; expr; }" where nothing is returned, and a property's
        // "{ get { check; return expr; } }"), within the lines of the arrow and the semicolon. A throw expression becomes a
        // throw statement, which needs no return.
        void Arrow(ArrowExpressionClauseSyntax arrow, SyntaxToken semicolon, bool returns, bool getter = false)
        {
            if (arrow.ArrowToken.IsMissing || arrow.Expression.IsMissing || semicolon.IsMissing) return;
            var keyword = returns && arrow.Expression is not ThrowExpressionSyntax ? " return" : "";
            edits.Add((arrow.ArrowToken.SpanStart, arrow.ArrowToken.Span.Length, (getter ? "{ get {" : "{") + Check + keyword));
            edits.Add((semicolon.Span.End, 0, getter ? " } }" : " }"));
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

    /// <summary>Whether a method or local function with this return type and these modifiers returns a value from its body.</summary>
    private static bool ReturnsValue(TypeSyntax returnType, SyntaxTokenList modifiers)
    {
        if (returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }) return false;
        // An async method returning a plain Task or ValueTask has a body that returns nothing.
        var name = returnType switch
        {
            QualifiedNameSyntax qualified => qualified.Right,
            AliasQualifiedNameSyntax alias => alias.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };
        return !(modifiers.Any(SyntaxKind.AsyncKeyword) && name is IdentifierNameSyntax { Identifier.Text: "Task" or "ValueTask" });
    }

    /// <summary>
    /// Whether a lambda's expression body could be a statement of a lambda that returns nothing (a call, an assignment, an
    /// increment, an await, a new object): without the lambda's type, it cannot be given a <c>return</c>.
    /// </summary>
    private static bool MayBeVoid(ExpressionSyntax body) => body is InvocationExpressionSyntax or AssignmentExpressionSyntax
        or PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression }
        or AwaitExpressionSyntax or BaseObjectCreationExpressionSyntax or ConditionalAccessExpressionSyntax or ThrowExpressionSyntax;

    /// <summary>
    /// Whether a call's argument can carry a check: a plain value (a name, a member, an element, an operation, a call), passed
    /// by value and by position. Literals are left alone (a constant may convert where the checked value would not), as are
    /// lambdas, method groups and anything else whose type comes from the call.
    /// </summary>
    private static bool TakesCheck(ArgumentSyntax argument) =>
        argument.NameColon is null && argument.RefKindKeyword.IsKind(SyntaxKind.None)
        && argument.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or ElementAccessExpressionSyntax
            or BinaryExpressionSyntax or InvocationExpressionSyntax or ParenthesizedExpressionSyntax or CastExpressionSyntax;
}
