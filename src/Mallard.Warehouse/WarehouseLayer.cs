namespace Mallard.Warehouse;

/// <summary>The stages of a build, in the order they run.</summary>
public enum WarehouseLayer
{
    /// <summary>Helper macros and the latent population the bronze tables are drawn from (temporary, not kept).</summary>
    Generator,

    /// <summary>Raw data as the sources deliver it, dirt included.</summary>
    Bronze,

    /// <summary>Typed, cleaned and deduplicated (<c>stg_*</c>), and enriched (<c>int_*</c>).</summary>
    Silver,

    /// <summary>The models the notebooks read.</summary>
    Gold,

    /// <summary>The data-quality checks.</summary>
    Checks,
}
