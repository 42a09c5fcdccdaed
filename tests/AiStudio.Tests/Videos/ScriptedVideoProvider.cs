using System.Diagnostics;
using AiStudio.Providers;
using AiStudio.Videos;
using AiStudio.Videos.Providers;

namespace AiStudio.Tests.Videos;

/// <summary>
/// A fake video provider for tests, shaped like a remote one: submits return a task ID, polls tell how the task
/// stands. Each clip's task follows the script the test gave it (latency, failure, held until released), and every
/// submission is recorded with the time it was made and the time a poll first saw it end, so tests can prove that
/// nothing was submitted twice and how many tasks ran at once.
/// </summary>
public sealed class ScriptedVideoProvider(string sampleClipPath) : IVideoProvider
{
    public const string ProviderName = "scripted";

    private readonly object _gate = new();
    private readonly Dictionary<string, ScriptedTask> _scripts = [];
    private readonly HashSet<string> _released = [];
    private readonly Dictionary<string, string> _taskIdsByJobKey = [];
    private readonly Dictionary<string, (ScriptedSubmission Submission, ScriptedTask Script)> _tasks = [];
    private readonly List<ScriptedSubmission> _submissions = [];

    public string Name => ProviderName;

    /// <summary>How long a task without a script of its own runs before it succeeds with the sample clip.</summary>
    public TimeSpan DefaultLatency { get; set; } = TimeSpan.FromMilliseconds(150);

    public void Script(string clipId, ScriptedTask task)
    {
        lock (_gate)
        {
            _scripts[clipId] = task;
        }
    }

    /// <summary>Lets the held tasks of <paramref name="clipId"/> (present and future) end.</summary>
    public void Release(string clipId)
    {
        lock (_gate)
        {
            _released.Add(clipId);
        }
    }

    /// <summary>The distinct submissions (new tasks) for these clips, oldest first.</summary>
    public IReadOnlyList<ScriptedSubmission> SubmissionsOf(IEnumerable<string> clipIds)
    {
        var wanted = clipIds.ToHashSet();
        lock (_gate)
        {
            return _submissions.Where(submission => wanted.Contains(submission.ClipId)).ToList();
        }
    }

    /// <summary>The most tasks of these clips that ran at the same moment (a task runs from its submit until a poll saw it end).</summary>
    public int MaxInFlight(IEnumerable<string> clipIds)
    {
        var moments = SubmissionsOf(clipIds)
            .SelectMany(submission => new[] { (At: submission.SubmittedAt, Change: +1), (At: submission.FinishedAt ?? long.MaxValue, Change: -1) })
            .OrderBy(moment => moment.At)
            .ThenBy(moment => moment.Change);
        int running = 0, most = 0;
        foreach (var moment in moments)
        {
            running += moment.Change;
            most = Math.Max(most, running);
        }

        return most;
    }

    public Task<string> SubmitAsync(VideoJobRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Submit(request.JobKey, request is TransitionJobRequest ? ClipKind.Transition : ClipKind.Clip));

    public Task<ProviderJobState> GetStatusAsync(string taskId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_tasks.TryGetValue(taskId, out var task))
            {
                return Task.FromResult(ProviderJobState.Unknown);
            }

            var (submission, script) = task;
            var elapsed = Stopwatch.GetElapsedTime(submission.SubmittedAt);
            if (elapsed < script.Latency || (script.HoldUntilReleased && !_released.Contains(submission.ClipId)))
            {
                return Task.FromResult(ProviderJobState.Running);
            }

            submission.FinishedAt ??= Stopwatch.GetTimestamp();
            return Task.FromResult(script.FailWith is { } error ? ProviderJobState.Failed(error) : ProviderJobState.Succeeded);
        }
    }

    public Task<ProviderResult> FetchResultAsync(string taskId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var path = _tasks.TryGetValue(taskId, out var task) && task.Script.FailWith is null
                ? task.Script.ResultPath ?? sampleClipPath
                : throw new InvalidOperationException($"Task {taskId} has no result.");
            return Task.FromResult(new ProviderResult(File.OpenRead(path), ".mp4"));
        }
    }

    /// <summary>The scripted tasks play out whatever the caller wants; like Kling, canceling changes nothing.</summary>
    public Task CancelAsync(string taskId, CancellationToken cancellationToken) => Task.CompletedTask;

    private string Submit(string jobKey, ClipKind kind)
    {
        lock (_gate)
        {
            if (_taskIdsByJobKey.TryGetValue(jobKey, out var existing))
            {
                return existing;
            }

            // Job keys are "{clipId}-{attempt}".
            var clipId = jobKey[..jobKey.LastIndexOf('-')];
            var taskId = "task_" + Guid.NewGuid().ToString("N");
            var submission = new ScriptedSubmission(jobKey, clipId, kind, taskId, Stopwatch.GetTimestamp());
            var script = _scripts.TryGetValue(clipId, out var scripted) ? scripted : new ScriptedTask(DefaultLatency);
            _taskIdsByJobKey[jobKey] = taskId;
            _tasks[taskId] = (submission, script);
            _submissions.Add(submission);
            return taskId;
        }
    }
}
