using Mallard.Engine.Magics;
using Mallard.Engine.Sql;

namespace Mallard.Engine;

public sealed partial class Session
{
    /// <summary>Whether <paramref name="code"/> is ready to run (C# by syntax, SQL by a terminating ';').</summary>
    public InputCompleteness IsComplete(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        code = code.Replace("\r\n", "\n", StringComparison.Ordinal);
        var language = DefaultLanguage;
        var text = code;
        while (true)
        {
            MagicInvocation? magic;
            try
            {
                magic = MagicParser.Parse(text, 0, out var body, out _);
                if (magic is null) break;
                text = body;
            }
            catch (MagicException)
            {
                return InputCompleteness.Invalid;
            }
            if (magic.Spec.Body == MagicBody.Sql)
            {
                // A SQL magic with nothing after it waits for its statements.
                if (!SqlLexer.HasStatements(text)) return InputCompleteness.Incomplete;
                return SqlLexer.EndsWithTerminator(text) ? InputCompleteness.Complete : InputCompleteness.Incomplete;
            }
            if (magic.Spec.Body == MagicBody.CSharp)
            {
                language = CellLanguage.CSharp;
                if (text.Trim().Length == 0) return InputCompleteness.Incomplete;
            }
            // #!time wraps what follows it; alone it waits for that.
            if (text.Trim().Length == 0) return magic.Spec.NeedsBody ? InputCompleteness.Incomplete : InputCompleteness.Complete;
        }
        if (text.Trim().Length == 0) return InputCompleteness.Complete;
        if (language == CellLanguage.Sql)
            return SqlLexer.EndsWithTerminator(text) ? InputCompleteness.Complete : InputCompleteness.Incomplete;
        return _code is null || _code.IsComplete(text) ? InputCompleteness.Complete : InputCompleteness.Incomplete;
    }
}
