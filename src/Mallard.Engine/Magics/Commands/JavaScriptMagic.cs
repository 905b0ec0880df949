namespace Mallard.Engine.Magics.Commands;

/// <summary><c>#!javascript</c>: a JavaScript cell from Polyglot Notebooks, which Mallard does not run.</summary>
internal sealed class JavaScriptMagic() : OtherLanguageMagic("javascript", "JavaScript", 202);
