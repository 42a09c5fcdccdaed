namespace AiStudio.Tests.Drills;

/// <summary>
/// Drills run three silo processes and an API process each: one at a time, after the parallel tests, so that their
/// timings measure recovery rather than competition for two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DrillCollection
{
    public const string Name = "Drills";
}
