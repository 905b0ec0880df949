namespace Mallard.Engine.Internal;

/// <summary>Carries a fully described cell error from where its context is known to the end of the cell.</summary>
internal sealed class CellFailureException(CellError error) : Exception(error.Message)
{
    public CellError Error { get; } = error;
}
