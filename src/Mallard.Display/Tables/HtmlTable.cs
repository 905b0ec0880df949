using System.Globalization;
using System.Text;
using Mallard.Data;
using Mallard.Display.Internal;

namespace Mallard.Display.Tables;

/// <summary>
/// A frame as an HTML table: column names (or labels) with their SQL types, values written by their columns' formats
/// (<see cref="FormattedTable"/>), numbers and NULLs right-aligned, words, numbers and dates never broken, NULL shown
/// distinctly, every value escaped, at most <see cref="DisplayOptions.MaxRows"/> rows with an
/// "N of M rows" footer. A small inline script, run where the front end runs scripts, adds sorting by
/// clicking a header and paging through the rows the output holds; with scripts off the plain table
/// remains. Same frame, same bytes: the element id is derived from the content.
/// </summary>
public static class HtmlTable
{
    private const string Style =
        "<style>" +
        ".mallard-table{font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif;font-size:13px;max-width:100%;overflow-x:auto;margin:2px 0}" +
        ".mallard-table table{border-collapse:collapse;border-spacing:0;width:auto}" +
        // Words, numbers and dates never break; long text wraps at spaces within a column at most 28em wide (a word longer
        // than that breaks only where it must); a table wider than its output scrolls sideways.
        ".mallard-table th,.mallard-table td{padding:4px 10px;border-bottom:1px solid rgba(128,128,128,.3);text-align:left;vertical-align:top}" +
        ".mallard-table td{max-width:28em;white-space:pre-wrap;overflow-wrap:break-word}" +
        ".mallard-table th{font-weight:600;min-width:3em;border-bottom:2px solid rgba(128,128,128,.5)}" +
        ".mallard-table th.mt-num,.mallard-table td.mt-num{text-align:right;font-variant-numeric:tabular-nums}" +
        ".mallard-table td.mt-num,.mallard-table td.mt-date{white-space:nowrap}" +
        ".mallard-table td.mt-long{min-width:16em}" +
        ".mallard-table .mt-type{display:block;font-weight:400;font-size:11px;opacity:.6;white-space:nowrap}" +
        ".mallard-table td.mt-null{opacity:.5;font-style:italic}" +
        ".mallard-table tbody tr:nth-child(even){background:rgba(128,128,128,.06)}" +
        ".mallard-table .mt-footer{font-size:12px;opacity:.75;padding:4px 2px}" +
        ".mallard-table[data-enhanced] th{cursor:pointer;user-select:none}" +
        ".mallard-table th[aria-sort=ascending]::after{content:' \\25B2';font-size:10px}" +
        ".mallard-table th[aria-sort=descending]::after{content:' \\25BC';font-size:10px}" +
        ".mallard-table .mt-pager{display:inline-block;margin-left:12px}" +
        ".mallard-table .mt-pager button{font-size:12px;margin:0 4px;padding:1px 8px;cursor:pointer}" +
        "</style>";

    /// <summary>Sorting (click a header: ascending, descending, original order; NULLs stay last) and paging. Holds no data.</summary>
    private const string Script =
        "(function(){" +
        "var s=document.currentScript,root=s&&s.parentElement;" +
        "if(!root||root.className!=='mallard-table')root=document.getElementById(__ID__);" +
        "if(!root||root.hasAttribute('data-enhanced'))return;root.setAttribute('data-enhanced','');" +
        "var table=root.querySelector('table'),body=table.tBodies[0],original=Array.prototype.slice.call(body.rows),rows=original.slice();" +
        "var heads=table.tHead.rows[0].cells,size=__PAGE__,page=0,col=-1,dir=0;" +
        "var pager=null,info=null,prev=null,next=null;" +
        "if(rows.length>size){" +
        "pager=document.createElement('span');pager.className='mt-pager';" +
        "prev=document.createElement('button');prev.type='button';prev.className='mt-prev';prev.textContent='\\u2039 Prev';" +
        "next=document.createElement('button');next.type='button';next.className='mt-next';next.textContent='Next \\u203A';" +
        "info=document.createElement('span');info.className='mt-page';" +
        "pager.appendChild(prev);pager.appendChild(info);pager.appendChild(next);" +
        "root.querySelector('.mt-footer').appendChild(pager);" +
        "prev.onclick=function(){if(page>0){page--;show();}};" +
        "next.onclick=function(){if((page+1)*size<rows.length){page++;show();}};}" +
        "function show(){" +
        "for(var i=0;i<rows.length;i++){var r=rows[i];r.style.display=(i>=page*size&&i<(page+1)*size)?'':'none';body.appendChild(r);}" +
        "if(info){var a=page*size+1,b=Math.min(rows.length,(page+1)*size);info.textContent='Rows '+a+'\\u2013'+b+' of '+rows.length;" +
        "prev.disabled=page===0;next.disabled=b>=rows.length;}}" +
        "function compare(x,y){" +
        "var a=x.cells[col],b=y.cells[col],an=a.classList.contains('mt-null'),bn=b.classList.contains('mt-null');" +
        "if(an||bn)return an===bn?0:(an?1:-1);" +
        "var av=a.getAttribute('data-v'),bv=b.getAttribute('data-v');" +
        "var d=(av!==null&&bv!==null)?(parseFloat(av)-parseFloat(bv)):(a.textContent<b.textContent?-1:a.textContent>b.textContent?1:0);" +
        "return d*dir;}" +
        "Array.prototype.forEach.call(heads,function(h,i){h.onclick=function(){" +
        "if(col!==i){col=i;dir=1;}else if(dir===1){dir=-1;}else{dir=0;}" +
        "Array.prototype.forEach.call(heads,function(o){o.removeAttribute('aria-sort');});" +
        "if(dir===0){rows=original.slice();}else{h.setAttribute('aria-sort',dir===1?'ascending':'descending');rows=original.slice().sort(compare);}" +
        "page=0;show();};});" +
        "show();})();";

    public static string Render(Frame frame, DisplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Render(new FormattedTable(frame), options);
    }

    /// <summary>The table with its columns' formats and labels.</summary>
    public static string Render(FormattedTable table, DisplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= DisplayOptions.Default;
        options.Validate();
        var frame = table.Frame;
        var layout = TableLayout.Of(table, options, options.MaxCellChars);

        var html = new StringBuilder(256 + layout.ShownRows * layout.ShownColumns * 24);
        html.Append("<table><thead><tr>");
        for (var c = 0; c < layout.ShownColumns; c++)
        {
            var column = frame[c];
            html.Append(layout.IsNumeric(c) ? "<th class=\"mt-num\" scope=\"col\"" : "<th scope=\"col\"");
            // A label keeps the column's own name at hand, on hover.
            if (layout.Headers[c] != column.Name) Html.Append(html.Append(" title=\""), column.Name).Append('"');
            Html.Append(html.Append('>'), layout.Headers[c]);
            if (layout.ShowTypes) Html.Append(html.Append("<span class=\"mt-type\">"), column.Type.Name).Append("</span>");
            html.Append("</th>");
        }
        html.Append("</tr></thead><tbody>");
        for (var r = 0; r < layout.ShownRows; r++)
        {
            html.Append("<tr>");
            for (var c = 0; c < layout.ShownColumns; c++)
            {
                var cell = layout.Cells[c][r];
                // NULL in a numeric column lines up with the numbers around it.
                if (cell.IsNull) html.Append(layout.IsNumeric(c) ? "<td class=\"mt-num mt-null\">NULL</td>" : "<td class=\"mt-null\">NULL</td>");
                else if (cell.IsNumber)
                {
                    html.Append("<td class=\"mt-num\"");
                    if (cell.SortKey is { } key) Html.Append(html.Append(" data-v=\""), key).Append('"');
                    Html.Append(html.Append('>'), cell.Text).Append("</td>");
                }
                else if (cell.IsDate)
                {
                    html.Append("<td class=\"mt-date\"");
                    if (cell.SortKey is { } key) Html.Append(html.Append(" data-v=\""), key).Append('"');
                    Html.Append(html.Append('>'), cell.Text).Append("</td>");
                }
                // Long text keeps a readable width (the table scrolls sideways rather than squeeze it into a narrow column).
                else Html.Append(html.Append(cell.Text.Length > 40 ? "<td class=\"mt-long\">" : "<td>"), cell.Text).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table><div class=\"mt-footer\">");
        Html.Append(html, layout.Footer()).Append("</div>");

        var body = html.ToString();
        var id = ContentId.For("mallard-table-", body);
        var script = Script
            .Replace("__ID__", Json.Quote(id), StringComparison.Ordinal)
            .Replace("__PAGE__", options.PageSize.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return $"<div class=\"mallard-table\" id=\"{id}\">{Style}{body}<script>{script}</script></div>";
    }
}
