namespace Mallard.Warehouse;

/// <summary>What a <see cref="WarehousePublishProgress"/> reports.</summary>
public enum WarehousePublishStage
{
    /// <summary>A schema's new copy is being made beside the published one (<see cref="WarehousePublishProgress.Table"/> is null).</summary>
    SchemaStarted,

    /// <summary>A table's rows start to be copied; <see cref="WarehousePublishProgress.TotalRows"/> says how many.</summary>
    CopyStarted,

    /// <summary>Rows copied so far into the table (about every second while a large table is copied).</summary>
    Copying,

    /// <summary>A table's rows are all copied, its key and indexes made.</summary>
    TableFinished,

    /// <summary>The new copy of the schema is complete and is about to replace the published one.</summary>
    Replacing,

    /// <summary>The schema was replaced: readers now see the new copy.</summary>
    SchemaPublished,
}
