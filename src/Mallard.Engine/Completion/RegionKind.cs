namespace Mallard.Engine.Completion;

/// <summary>What the text around a position is.</summary>
internal enum RegionKind
{
    Magic,
    Sql,
    CSharp,
}
