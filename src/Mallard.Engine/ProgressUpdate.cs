namespace Mallard.Engine;

/// <summary>
/// One report on a long operation. Updates with the same <see cref="Id"/> describe the same
/// operation; the last one has <see cref="Done"/> set, after which front ends remove or complete their bar.
/// </summary>
/// <param name="Id">Identifies the operation within the session (stable across its updates).</param>
/// <param name="Label">What is running, for example the first line of the query.</param>
/// <param name="Fraction">Completed share from 0 to 1, or null when unknown.</param>
/// <param name="Elapsed">Time since the operation started.</param>
/// <param name="Done">True on the final update.</param>
public sealed record ProgressUpdate(string Id, string Label, double? Fraction, TimeSpan Elapsed, bool Done);
