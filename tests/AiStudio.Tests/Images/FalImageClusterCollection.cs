namespace AiStudio.Tests.Images;

[CollectionDefinition(Name)]
public sealed class FalImageClusterCollection : ICollectionFixture<FalImageClusterFixture>
{
    public const string Name = "Fal image cluster";
}
