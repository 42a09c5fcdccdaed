namespace AiStudio.Tests.Media.Video;

/// <summary>Tests that share one set of rendered clips and transitions (rendering is the slow part).</summary>
[CollectionDefinition(Name)]
public sealed class VideoMediaCollection : ICollectionFixture<VideoMediaFixture>
{
    public const string Name = "Video media";
}
