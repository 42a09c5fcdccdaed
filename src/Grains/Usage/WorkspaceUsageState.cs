namespace AiStudio.Usage;

[GenerateSerializer]
public sealed class WorkspaceUsageState
{
    [Id(0)] public long SpentCents { get; set; }

    /// <summary>The running sum of <see cref="Committed"/>, so reading usage stays O(1).</summary>
    [Id(1)] public long CommittedCents { get; set; }

    /// <summary>Each reserved, unsettled job's estimate by job key.</summary>
    [Id(2)] public Dictionary<string, int> Committed { get; set; } = [];

    /// <summary>Job keys already settled, so a replayed settlement or a late reservation counts nothing.</summary>
    [Id(3)] public HashSet<string> Settled { get; set; } = [];
}
