using Mallard.Display;

namespace Mallard.Engine.Magics.Commands;

/// <summary>
/// <c>#!value --name X</c>, as Polyglot writes it: the rest of the cell (or <c>--from-file FILE</c>, <c>--from-url URL</c>) becomes the string variable
/// <c>X</c>, as written: text, JSON or CSV for later cells to read; the cell shows it, as its MIME type says.
/// </summary>
internal sealed class ValueMagic : MagicCommand
{
    public override MagicSpec Spec { get; } = new(
        "value", "Polyglot's #!value: keep the rest of the cell (or a file's or a URL's text) as the string variable NAME, and show it.", MagicBody.Rest,
        [
            new("name", MagicOptionKind.Text, "the variable to keep it in", "NAME"),
            new("from-file", MagicOptionKind.Text, "read the text from this file instead (relative to the notebook)", "FILE"),
            new("from-url", MagicOptionKind.Text, "read the text from this http(s) URL instead", "URL"),
            new("mime-type", MagicOptionKind.Text, "show the value as this MIME type (text/plain unless given; a URL's own type otherwise)", "TYPE"),
        ],
        []);

    public override int Order => 130;

    public override async Task RunAsync(MagicContext context)
    {
        var name = context.Magic.Text("name") ?? throw context.Error("#!value needs --name NAME, the variable to keep the text in.");
        var (file, url) = (context.Magic.Text("from-file"), context.Magic.Text("from-url"));
        if (file is not null && url is not null) throw context.Error("#!value takes its text from --from-file or --from-url, not both.");
        if ((file ?? url) is not null && context.OwnBody.Trim().Length > 0)
            throw context.Error($"#!value takes its text from {(file is null ? "--from-url" : "--from-file")} or from the cell, not both.");
        var mimeType = context.Magic.Text("mime-type");
        string text;
        if (file is not null)
        {
            var path = Path.GetFullPath(Path.Combine(context.Session.WorkingDirectory, file));
            if (!File.Exists(path)) throw context.Error($"#!value --from-file: the file {path} does not exist.");
            text = await File.ReadAllTextAsync(path, context.Run.CancellationToken).ConfigureAwait(false);
        }
        else if (url is not null)
        {
            (text, var served) = await ReadUrlAsync(context, url).ConfigureAwait(false);
            mimeType ??= served;
        }
        else
        {
            text = context.OwnBody.TrimEnd('\n', '\r');
        }
        context.Session.SetVariable(name, text, context.Magic.Line);
        // Polyglot shows the value it keeps, as its MIME type says.
        mimeType ??= MimeTypes.PlainText;
        var shown = MimeBundle.Empty.WithText(mimeType, text);
        context.Run.Display(mimeType == MimeTypes.PlainText ? shown : shown.WithText(MimeTypes.PlainText, text));
        await context.RunAfterOwnBodyAsync().ConfigureAwait(false);
    }

    private static async Task<(string Text, string? MimeType)> ReadUrlAsync(MagicContext context, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw context.Error($"#!value --from-url needs an http or https URL, not '{url}'.");
        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        try
        {
            using var response = await client.GetAsync(uri, context.Run.CancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw context.Error($"#!value --from-url: {uri} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            var text = await response.Content.ReadAsStringAsync(context.Run.CancellationToken).ConfigureAwait(false);
            return (text, response.Content.Headers.ContentType?.MediaType);
        }
        catch (HttpRequestException e)
        {
            throw context.Error($"#!value --from-url: {uri} could not be read: {e.Message}");
        }
        catch (TaskCanceledException e) when (!context.Run.CancellationToken.IsCancellationRequested)
        {
            throw context.Error($"#!value --from-url: {uri} did not answer within {client.Timeout.TotalSeconds:0} s. {e.Message}");
        }
    }
}
