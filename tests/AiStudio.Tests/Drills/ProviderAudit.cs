using System.Text.RegularExpressions;

namespace AiStudio.Tests.Drills;

/// <summary>
/// What the local providers did, read from the lines every silo logs when it starts and finishes a provider job: how
/// often each job was started (a job interrupted by a dying silo is started again) and how often it ran to the end.
/// </summary>
public sealed partial class ProviderAudit
{
    private ProviderAudit(IReadOnlyDictionary<string, int> starts, IReadOnlyDictionary<string, int> finishes)
    {
        Starts = starts;
        Finishes = finishes;
    }

    /// <summary>Runs started, per provider task id.</summary>
    public IReadOnlyDictionary<string, int> Starts { get; }

    /// <summary>Runs that ran to the end, per provider task id.</summary>
    public IReadOnlyDictionary<string, int> Finishes { get; }

    /// <summary>Tasks that ran to the end more than once: work done (and paid for) twice.</summary>
    public IReadOnlyList<string> FinishedMoreThanOnce => Finishes.Where(task => task.Value > 1).Select(task => task.Key).ToList();

    /// <summary>Tasks started more than once (an interrupted run is started again; that costs time, not a second result).</summary>
    public int Restarted => Starts.Count(task => task.Value > 1);

    public static ProviderAudit Of(DrillCluster cluster)
    {
        var outputs = cluster.SiloOutputs().Select(silo => silo.Output).ToList();
        return new ProviderAudit(Count(outputs, ImageJobStarted()), Count(outputs, ImageJobFinished()));
    }

    public override string ToString() =>
        $"{Starts.Count} provider tasks, {Starts.Values.Sum()} runs started, {Finishes.Values.Sum()} finished, {Restarted} restarted, " +
        $"finished more than once: [{string.Join(", ", FinishedMoreThanOnce)}]";

    private static Dictionary<string, int> Count(IEnumerable<string> outputs, Regex line) =>
        outputs.SelectMany(output => line.Matches(output))
            .GroupBy(match => match.Groups["task"].Value)
            .ToDictionary(group => group.Key, group => group.Count());

    [GeneratedRegex(@"Running image job (?<task>lfi_[0-9a-f]{32})")]
    private static partial Regex ImageJobStarted();

    [GeneratedRegex(@"Finished image job (?<task>lfi_[0-9a-f]{32})")]
    private static partial Regex ImageJobFinished();
}
