namespace Mallard.Engine.Magics.Commands;

/// <summary><c>#!fsharp</c>: a F# cell from Polyglot Notebooks, which Mallard does not run.</summary>
internal sealed class FSharpMagic() : OtherLanguageMagic("fsharp", "F#", 200);
