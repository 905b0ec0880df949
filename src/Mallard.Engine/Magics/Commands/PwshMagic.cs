namespace Mallard.Engine.Magics.Commands;

/// <summary><c>#!pwsh</c>: a PowerShell cell from Polyglot Notebooks, which Mallard does not run.</summary>
internal sealed class PwshMagic() : OtherLanguageMagic("pwsh", "PowerShell", 201);
