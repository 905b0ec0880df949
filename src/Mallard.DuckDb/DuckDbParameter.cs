using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Mallard.DuckDb;

/// <summary>A command parameter: named (<c>$name</c> in SQL) or positional (no name, bound in order).</summary>
public sealed class DuckDbParameter : DbParameter
{
    private string _name = "";

    public DuckDbParameter()
    {
    }

    public DuckDbParameter(string? name, object? value)
    {
        ParameterName = name;
        Value = value;
    }

    public DuckDbParameter(object? value) => Value = value;

    public override DbType DbType { get; set; } = DbType.Object;

    public override ParameterDirection Direction
    {
        get => ParameterDirection.Input;
        set
        {
            if (value != ParameterDirection.Input) throw new NotSupportedException("DuckDB parameters are input only.");
        }
    }

    public override bool IsNullable { get; set; } = true;

    [AllowNull]
    public override string ParameterName
    {
        get => _name;
        set => _name = (value ?? "").TrimStart('$', '@', ':');
    }

    public override int Size { get; set; }

    [AllowNull]
    public override string SourceColumn { get; set; } = "";

    public override bool SourceColumnNullMapping { get; set; }

    public override object? Value { get; set; }

    public override void ResetDbType() => DbType = DbType.Object;
}
