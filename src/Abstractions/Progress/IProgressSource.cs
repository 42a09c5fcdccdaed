namespace AiStudio.Progress;

/// <summary>A grain that sequences and retains the progress events of one project.</summary>
[Alias("AiStudio.Progress.IProgressSource")]
public interface IProgressSource
{
    /// <summary>
    /// Retained events with a sequence above <paramref name="afterSequence"/> (oldest first) plus the current state.
    /// Null when the project does not exist.
    /// </summary>
    [Alias("GetProgressSince")]
    Task<ProgressReplay?> GetProgressSinceAsync(long afterSequence);
}
