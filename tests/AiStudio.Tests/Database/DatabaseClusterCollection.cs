using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Database;

/// <summary>The database tests that need a running silo share one single-silo cluster on its own database.</summary>
[CollectionDefinition(Name)]
public sealed class DatabaseClusterCollection : ICollectionFixture<AiStudioClusterFixture>
{
    public const string Name = "Database cluster";
}
