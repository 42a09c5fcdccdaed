using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Database;

/// <summary>A two-silo cluster, for membership behaviour.</summary>
public sealed class TwoSiloClusterFixture : AiStudioClusterFixture
{
    protected override short InitialSilosCount => 2;
}
