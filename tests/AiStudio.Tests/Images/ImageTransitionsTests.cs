using AiStudio.Images;

namespace AiStudio.Tests.Images;

public sealed class ImageTransitionsTests
{
    private static readonly (ImageStatus From, ImageStatus To)[] Moves =
    [
        (ImageStatus.Pending, ImageStatus.Processing),
        (ImageStatus.Pending, ImageStatus.Failed),
        (ImageStatus.Processing, ImageStatus.Completed),
        (ImageStatus.Processing, ImageStatus.Failed),
        (ImageStatus.Failed, ImageStatus.Pending),
    ];

    [Fact]
    public void An_image_goes_pending_processing_then_completed_or_failed_is_canceled_to_failed_and_back_to_pending_on_retry_only()
    {
        var statuses = Enum.GetValues<ImageStatus>();
        var allowed = statuses
            .SelectMany(from => statuses.Select(to => (From: from, To: to)))
            .Where(move => ImageTransitions.IsAllowed(move.From, move.To));

        Assert.Equal(Moves.Order(), allowed.Order());
    }
}
