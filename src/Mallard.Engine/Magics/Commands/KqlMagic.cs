namespace Mallard.Engine.Magics.Commands;

/// <summary><c>#!kql</c>: a KQL (Kusto) cell from Polyglot Notebooks, which Mallard does not run.</summary>
internal sealed class KqlMagic() : OtherLanguageMagic("kql", "KQL (Kusto)", 203);
