namespace AiStudio.Progress;

/// <summary>What the progress log did with an event it was asked to append.</summary>
public enum ProgressAppend
{
    Appended,

    /// <summary>Nothing stored: the stream already holds an event under that sequence.</summary>
    SequenceTaken,

    /// <summary>Nothing stored: the stream already holds the event of that once-key (a report repeated after a lost answer).</summary>
    AlreadyRecorded,
}
