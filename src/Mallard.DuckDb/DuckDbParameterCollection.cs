using System.Collections;
using System.Data.Common;

namespace Mallard.DuckDb;

/// <summary>The parameters of a <see cref="DuckDbCommand"/>.</summary>
public sealed class DuckDbParameterCollection : DbParameterCollection
{
    private readonly List<DuckDbParameter> _items = [];

    public override int Count => _items.Count;

    public override object SyncRoot => ((ICollection)_items).SyncRoot;

    public new DuckDbParameter this[int index]
    {
        get => _items[index];
        set => _items[index] = value;
    }

    public new DuckDbParameter this[string name]
    {
        get => _items[IndexOfExisting(name)];
        set => _items[IndexOfExisting(name)] = value;
    }

    public DuckDbParameter Add(string name, object? value)
    {
        var parameter = new DuckDbParameter(name, value);
        _items.Add(parameter);
        return parameter;
    }

    public DuckDbParameter AddWithValue(string name, object? value) => Add(name, value);

    public override int Add(object value)
    {
        _items.Add(Cast(value));
        return _items.Count - 1;
    }

    public override void AddRange(Array values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values) Add(value!);
    }

    public override void Clear() => _items.Clear();

    public override bool Contains(object value) => value is DuckDbParameter p && _items.Contains(p);

    public override bool Contains(string value) => IndexOf(value) >= 0;

    public override void CopyTo(Array array, int index) => ((ICollection)_items).CopyTo(array, index);

    public override IEnumerator GetEnumerator() => _items.GetEnumerator();

    public override int IndexOf(object value) => value is DuckDbParameter p ? _items.IndexOf(p) : -1;

    public override int IndexOf(string parameterName)
    {
        var bare = (parameterName ?? "").TrimStart('$', '@', ':');
        return _items.FindIndex(p => string.Equals(p.ParameterName, bare, StringComparison.OrdinalIgnoreCase));
    }

    public override void Insert(int index, object value) => _items.Insert(index, Cast(value));

    public override void Remove(object value) => _items.Remove(Cast(value));

    public override void RemoveAt(int index) => _items.RemoveAt(index);

    public override void RemoveAt(string parameterName) => _items.RemoveAt(IndexOfExisting(parameterName));

    protected override DbParameter GetParameter(int index) => _items[index];

    protected override DbParameter GetParameter(string parameterName) => _items[IndexOfExisting(parameterName)];

    protected override void SetParameter(int index, DbParameter value) => _items[index] = Cast(value);

    protected override void SetParameter(string parameterName, DbParameter value) => _items[IndexOfExisting(parameterName)] = Cast(value);

    /// <summary>The values to bind: a name/value list when every parameter is named, else a positional list.</summary>
    internal object? ToBindings()
    {
        if (_items.Count == 0) return null;
        if (_items.All(p => p.ParameterName.Length > 0 && !int.TryParse(p.ParameterName, out _)))
            return _items.Select(p => new KeyValuePair<string, object?>(p.ParameterName, p.Value)).ToList();
        return _items.Select(p => p.Value).ToList();
    }

    private int IndexOfExisting(string name)
    {
        var index = IndexOf(name);
        return index >= 0 ? index : throw new IndexOutOfRangeException($"The command has no parameter '{name}'.");
    }

    private static DuckDbParameter Cast(object value) =>
        value as DuckDbParameter ?? throw new InvalidCastException($"A DuckDB command takes DuckDbParameter objects, not {value?.GetType().Name ?? "null"}.");
}
