namespace AiStudio.Tests.Api;

/// <summary>One cluster and one API process shared by every HTTP test against a real cluster.</summary>
[CollectionDefinition(Name)]
public sealed class ApiClusterCollection : ICollectionFixture<ApiClusterFixture>
{
    public const string Name = "API on a real cluster";
}
