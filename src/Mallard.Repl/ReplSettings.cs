namespace Mallard.Repl;

/// <summary>The REPL's dot-command settings for the session.</summary>
internal sealed class ReplSettings
{
    /// <summary>How results print (<c>.mode</c>).</summary>
    public OutputMode Mode { get; set; } = OutputMode.Table;

    /// <summary>Rows a table shows; 0 shows every row (<c>.maxrows</c>).</summary>
    public int MaxRows { get; set; } = 40;

    /// <summary>Whether each command's run time is printed (<c>.timer</c>).</summary>
    public bool Timer { get; set; }

    /// <summary>
    /// The pager a result larger than the screen goes through (<c>.pager on</c>: <c>$PAGER</c>, else <c>less -SR</c>), or null
    /// when results print bounded by <c>.maxrows</c> and the terminal's width.
    /// </summary>
    public string? Pager { get; set; }

    /// <summary>The last result table shown, which <c>.last</c> shows again (in the mode and with the pager as they are then).</summary>
    public Mallard.Display.FormattedTable? Last { get; set; }
}
