namespace AiStudio.Images;

/// <summary>An image version's lifecycle as a table: the only moves its grain makes, and what makes them.</summary>
public static class ImageTransitions
{
    private static readonly HashSet<(ImageStatus From, ImageStatus To)> Allowed =
    [
        (ImageStatus.Pending, ImageStatus.Processing),     // a run begins
        (ImageStatus.Processing, ImageStatus.Completed),   // the result is stored
        (ImageStatus.Pending, ImageStatus.Failed),         // canceled before a run began
        (ImageStatus.Processing, ImageStatus.Failed),      // provider or storage error, no result before the time-out, or canceled
        (ImageStatus.Failed, ImageStatus.Pending),         // retry
    ];

    public static bool IsAllowed(ImageStatus from, ImageStatus to) => Allowed.Contains((from, to));
}
