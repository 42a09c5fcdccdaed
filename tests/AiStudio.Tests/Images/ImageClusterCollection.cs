namespace AiStudio.Tests.Images;

[CollectionDefinition(Name)]
public sealed class ImageClusterCollection : ICollectionFixture<ImageClusterFixture>
{
    public const string Name = "Image cluster";
}
