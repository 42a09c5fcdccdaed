using System.Text.RegularExpressions;

namespace AiStudio.Tests.Drills;

/// <summary>
/// What the local providers did, read from the lines every silo logs when it starts and finishes a provider job (image
/// jobs, clip and transition renders): how often each task was started (a task interrupted by a dying silo is started
/// again) and how often it ran to the end; and, from the video provider's task directories, how many tasks each clip got.
/// </summary>
public sealed partial class ProviderAudit
{
    private ProviderAudit(IReadOnlyDictionary<string, int> starts, IReadOnlyDictionary<string, int> finishes, IReadOnlyDictionary<string, int> tasksPerClip)
    {
        Starts = starts;
        Finishes = finishes;
        VideoTasksPerClip = tasksPerClip;
    }

    /// <summary>Runs started, per provider task id.</summary>
    public IReadOnlyDictionary<string, int> Starts { get; }

    /// <summary>Runs that ran to the end, per provider task id.</summary>
    public IReadOnlyDictionary<string, int> Finishes { get; }

    /// <summary>Provider tasks submitted per clip or transition ID (a task's job key is <c>{clipId}-{attempt}</c>).</summary>
    public IReadOnlyDictionary<string, int> VideoTasksPerClip { get; }

    /// <summary>Clips or transitions that were submitted to the provider as more than one task.</summary>
    public IReadOnlyList<string> ClipsSubmittedMoreThanOnce => VideoTasksPerClip.Where(clip => clip.Value > 1).Select(clip => clip.Key).ToList();

    /// <summary>Tasks that ran to the end more than once: work done (and paid for) twice.</summary>
    public IReadOnlyList<string> FinishedMoreThanOnce => Finishes.Where(task => task.Value > 1).Select(task => task.Key).ToList();

    /// <summary>Tasks started more than once (an interrupted run is started again; that costs time, not a second result).</summary>
    public int Restarted => Starts.Count(task => task.Value > 1);

    public static ProviderAudit Of(DrillCluster cluster)
    {
        var outputs = cluster.SiloOutputs().Select(silo => silo.Output).ToList();
        return new ProviderAudit(Count(outputs, TaskStarted()), Count(outputs, TaskFinished()), TasksPerClip(cluster.MediaRoot));
    }

    private static Dictionary<string, int> TasksPerClip(string mediaRoot)
    {
        var tasks = Path.Combine(mediaRoot, ".provider", "videos");
        if (!Directory.Exists(tasks))
        {
            return [];
        }

        return Directory.EnumerateFiles(tasks, "request.json", SearchOption.AllDirectories)
            .Select(request => JobKey().Match(File.ReadAllText(request)).Groups["clip"].Value)
            .GroupBy(clipId => clipId)
            .ToDictionary(group => group.Key, group => group.Count());
    }

    public override string ToString() =>
        $"{Starts.Count} provider tasks, {Starts.Values.Sum()} runs started, {Finishes.Values.Sum()} finished, {Restarted} restarted, " +
        $"finished more than once: [{string.Join(", ", FinishedMoreThanOnce)}]; {VideoTasksPerClip.Count} clips submitted, " +
        $"more than once: [{string.Join(", ", ClipsSubmittedMoreThanOnce)}]";

    private static Dictionary<string, int> Count(IEnumerable<string> outputs, Regex line) =>
        outputs.SelectMany(output => line.Matches(output))
            .GroupBy(match => match.Groups["task"].Value)
            .ToDictionary(group => group.Key, group => group.Count());

    [GeneratedRegex(@"(Running image job|Rendering video task) (?<task>(lfi_|clip-|transition-)[0-9a-f]{32})")]
    private static partial Regex TaskStarted();

    [GeneratedRegex(@"(Finished image job|Rendered video task) (?<task>(lfi_|clip-|transition-)[0-9a-f]{32})")]
    private static partial Regex TaskFinished();

    [GeneratedRegex(@"""JobKey""\s*:\s*""(?<clip>clip_[0-9a-z]+)-\d+""")]
    private static partial Regex JobKey();
}
