namespace Mallard.Engine.Magics.Commands;

/// <summary><c>#!http</c>: a HTTP requests cell from Polyglot Notebooks, which Mallard does not run.</summary>
internal sealed class HttpMagic() : OtherLanguageMagic("http", "HTTP requests", 205);
