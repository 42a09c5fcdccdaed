namespace AiStudio.Tests.Videos;

/// <summary>The test classes that share one <see cref="VideoClusterFixture"/> (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class VideoClusterCollection : ICollectionFixture<VideoClusterFixture>
{
    public const string Name = "Video cluster";
}
