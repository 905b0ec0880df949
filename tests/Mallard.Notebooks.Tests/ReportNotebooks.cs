using Mallard.Data;
using Mallard.Display;
using Mallard.Display.Kpi;
using Mallard.Display.Plotly;

namespace Mallard.Notebooks.Tests;

/// <summary>Executed notebooks built by hand from real display bundles (the formatter registry a session uses), for report tests.</summary>
internal static class ReportNotebooks
{
    public static Frame Segments() => new(
        StringColumn.Create("customer_segment", ["VIP", "Loyal", "Active", "Prospect"]),
        PrimitiveColumn<long>.Create("customers", [10L, 11L, 4L, 3L]),
        PrimitiveColumn<double>.Create("revenue", [10718.66, 8420.38, 1305.31, 0.0]));

    public static Frame Monthly() => new(
        DateColumn.Create("month", [new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1), new DateOnly(2024, 3, 1), new DateOnly(2024, 4, 1)]),
        PrimitiveColumn<double>.Create("revenue", [1200.5, 1850.25, 1700.0, 2400.75]));

    /// <summary>Narrative, KPI cards, a table, three charts, a stream, a hidden-input cell and a failed cell.</summary>
    public static Notebook CustomerReport()
    {
        // One registry for the document, as a session has: the first chart's HTML carries plotly.js inline.
        var registry = new FormatterRegistry();
        var notebook = Notebook.CreateForMallard();
        notebook.Cells.Add(NotebookCell.Markdown("# Customer Report\n\nRevenue by *segment*, from the **gold** layer. Text like `<x>` & \"quotes\" stays.\n\n| metric | meaning |\n|---|---|\n| LTV | lifetime value |\n\n- one\n- two [link](https://example.org)\n"));
        var parameters = Code(notebook, "var region = \"EU\";", 1);
        parameters.AddTag("parameters");
        var injected = Code(notebook, "// Parameters\nvar region = \"US\";", 2);
        injected.AddTag("injected-parameters");

        Code(notebook, "new KpiCards(...)", 3).Outputs.Add(DisplayDataOutput.From(registry.Format(new KpiCards(
            new KpiCard("Customers", 28) { Delta = 0.12, DeltaLabel = "vs last month" },
            new KpiCard("Revenue", 20444.35) { Format = KpiFormat.Currency }))));

        var table = Code(notebook, "#!sql\nSELECT * FROM segments WHERE name <> '</script>';", 4);
        table.Outputs.Add(DisplayDataOutput.From(registry.Format(Segments())));

        var charts = Code(notebook, "display(Chart.Bar(segments, \"customer_segment\", \"revenue\"));\ndisplay(Chart.Line(monthly, \"month\", \"revenue\"));", 5);
        charts.Outputs.Add(new StreamOutput("stdout", "drawing 2 charts\n"));
        charts.Outputs.Add(DisplayDataOutput.From(registry.Format(Chart.Bar(Segments(), "customer_segment", "revenue", title: "Revenue by Segment"))));
        charts.Outputs.Add(DisplayDataOutput.From(registry.Format(Chart.Line(Monthly(), "month", "revenue", markers: true, title: "Monthly Revenue"))));

        var pie = Code(notebook, "Chart.Pie(segments, \"customer_segment\", \"customers\")", 6);
        pie.AddTag("remove-input");
        pie.Outputs.Add(ExecuteResultOutput.From(registry.Format(Chart.Pie(Segments(), "customer_segment", "customers", title: "Customers by Segment")), 6));

        notebook.Cells.Add(NotebookCell.Markdown("## Notes\n\nThe last cell failed on purpose."));
        var failed = Code(notebook, "SELECT * FROM missing_table;", 7);
        failed.Outputs.Add(new ErrorOutput("SqlError", "Catalog Error: Table with name missing_table does not exist!",
            ["\u001b[0;31mCatalog Error: Table with name missing_table does not exist!\u001b[0m", "SELECT * FROM missing_table;", "              ^"]));
        return notebook;
    }

    private static NotebookCell Code(Notebook notebook, string source, int count)
    {
        var cell = NotebookCell.Code(source);
        cell.ExecutionCount = count;
        cell.Metadata["execution"] = new System.Text.Json.Nodes.JsonObject
        {
            ["iopub.status.busy"] = "2024-06-01T10:00:00.000000Z",
            ["iopub.execute_input"] = "2024-06-01T10:00:00.000100Z",
            ["shell.execute_reply"] = "2024-06-01T10:00:00.250000Z",
            ["iopub.status.idle"] = "2024-06-01T10:00:00.250100Z",
        };
        notebook.Cells.Add(cell);
        return cell;
    }
}
