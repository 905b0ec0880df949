using System.Reflection;

namespace Mallard.Warehouse;

/// <summary>
/// One model: a SQL file embedded in this assembly. A bronze, silver or gold model is a query whose result
/// becomes the table <c>layer.name</c>; a generator step, or a model marked <see cref="IsScript"/>, is a script
/// run as it is.
/// </summary>
public sealed record WarehouseModel(WarehouseLayer Layer, string Name)
{
    /// <summary>The schema the model's table lives in (<c>bronze</c>, <c>silver</c> or <c>gold</c>).</summary>
    public string Schema => Layer.ToString().ToLowerInvariant();

    /// <summary>The qualified table name, for example <c>gold.gld_customer_analytics</c>.</summary>
    public string QualifiedName => $"{Schema}.{Name}";

    /// <summary>The name of the embedded SQL file.</summary>
    public string ResourceName => $"Sql/{Schema}/{Name}.sql";

    /// <summary>The model's SQL.</summary>
    public string Sql
    {
        get
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"The model {QualifiedName} has no embedded SQL ({ResourceName}).");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>
    /// DuckDB settings the model runs with, by name: set before the model, and the connection's own values restored
    /// after it.
    /// For plans DuckDB gets wrong on this data; each one is explained where the model is listed.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// True for a script that creates something other than the model's table (the gold money functions), run as it
    /// is; generator steps always are.
    /// </summary>
    public bool IsScript
    {
        get => _isScript || Layer == WarehouseLayer.Generator;
        init => _isScript = value;
    }

    private readonly bool _isScript;

    /// <summary>
    /// The columns that identify a row of the model's table, or none: its primary key where the warehouse is published
    /// (<c>mallard warehouse publish</c>). Bronze tables have none: raw data keeps its duplicates.
    /// </summary>
    public IReadOnlyList<string> Key { get; init; } = [];

    /// <summary>Columns joined or filtered on often, each given an index where the warehouse is published.</summary>
    public IReadOnlyList<string> Indexed { get; init; } = [];

    /// <summary>The statement that materialises the model: the query wrapped in CREATE TABLE, or the script itself.</summary>
    internal string Statement => IsScript
        ? Sql
        : $"CREATE OR REPLACE TABLE {QualifiedName} AS\n{Sql.TrimEnd().TrimEnd(';')}";
}
