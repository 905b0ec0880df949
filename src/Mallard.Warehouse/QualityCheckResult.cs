using Mallard.Data;

namespace Mallard.Warehouse;

/// <summary>
/// How a check went: the number of offending rows and a sample of them, or the error that kept the check
/// from running (a missing table, say). It passed when there are no offending rows and no error.
/// </summary>
public sealed record QualityCheckResult(QualityCheck Check, long FailingRows, Frame Sample, string? Error = null)
{
    public bool Passed => FailingRows == 0 && Error is null;
}
