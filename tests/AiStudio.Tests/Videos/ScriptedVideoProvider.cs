using System.Diagnostics;
using AiStudio.Providers;
using AiStudio.Videos;
using AiStudio.Videos.Providers;

namespace AiStudio.Tests.Videos;

/// <summary>
/// A fake video provider for tests, shaped like a remote one: submits return a task ID, polls tell how the task
/// stands. Each clip's task follows the script the test gave it (latency, failure, queue positions, an outage of its
/// status polls, submit or task held until released), and every submission is recorded with the time it was made and
/// the time a poll first saw it end, and every cancel with its task, so tests can prove that nothing was submitted
/// twice, how many tasks ran at once and which were canceled.
/// </summary>
public sealed class ScriptedVideoProvider(string sampleClipPath) : IVideoProvider
{
    public const string ProviderName = "scripted";

    private readonly object _gate = new();
    private readonly Dictionary<string, ScriptedTask> _scripts = [];
    private readonly Dictionary<string, TaskCompletionSource> _releases = [];
    private readonly HashSet<string> _submitsWaiting = [];
    private readonly HashSet<string> _canceledTaskIds = [];
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
            ReleaseOf(clipId).TrySetResult();
        }
    }

    /// <summary>Whether a submit for <paramref name="clipId"/> is held until released.</summary>
    public bool IsSubmitWaiting(string clipId)
    {
        lock (_gate)
        {
            return _submitsWaiting.Contains(clipId);
        }
    }

    /// <summary>Whether the task was asked to be canceled.</summary>
    public bool IsCanceled(string taskId)
    {
        lock (_gate)
        {
            return _canceledTaskIds.Contains(taskId);
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

    public async Task<string> SubmitAsync(VideoJobRequest request, CancellationToken cancellationToken)
    {
        var clipId = ClipIdOf(request.JobKey);
        Task released;
        lock (_gate)
        {
            released = ScriptOf(clipId).HoldSubmitUntilReleased ? ReleaseOf(clipId).Task : Task.CompletedTask;
            _submitsWaiting.Add(clipId);
        }

        try
        {
            await released.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                _submitsWaiting.Remove(clipId);
            }
        }

        return Submit(request.JobKey, clipId, request is TransitionJobRequest ? ClipKind.Transition : ClipKind.Clip);
    }

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
            if (elapsed < script.UnreachableFor)
            {
                throw new HttpRequestException("Service unavailable", null, System.Net.HttpStatusCode.ServiceUnavailable);
            }

            if (elapsed < script.Queued)
            {
                var position = (int)((script.Queued - elapsed) / ScriptedTask.QueueStep);
                return Task.FromResult(ProviderJobState.Queued with { QueuePosition = position });
            }

            if (elapsed < script.Queued + script.Latency || (script.HoldUntilReleased && !ReleaseOf(submission.ClipId).Task.IsCompleted))
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

    /// <summary>Records the cancel; the scripted task still plays out whatever the caller wants, as on Kling, where canceling changes nothing.</summary>
    public Task CancelAsync(string taskId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _canceledTaskIds.Add(taskId);
        }

        return Task.CompletedTask;
    }

    // Job keys are "{clipId}-{attempt}".
    private static string ClipIdOf(string jobKey) => jobKey[..jobKey.LastIndexOf('-')];

    private ScriptedTask ScriptOf(string clipId) => _scripts.TryGetValue(clipId, out var scripted) ? scripted : new ScriptedTask(DefaultLatency);

    private TaskCompletionSource ReleaseOf(string clipId)
    {
        if (!_releases.TryGetValue(clipId, out var release))
        {
            release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _releases[clipId] = release;
        }

        return release;
    }

    private string Submit(string jobKey, string clipId, ClipKind kind)
    {
        lock (_gate)
        {
            if (_taskIdsByJobKey.TryGetValue(jobKey, out var existing))
            {
                return existing;
            }

            var taskId = "task_" + Guid.NewGuid().ToString("N");
            var submission = new ScriptedSubmission(jobKey, clipId, kind, taskId, Stopwatch.GetTimestamp());
            _taskIdsByJobKey[jobKey] = taskId;
            _tasks[taskId] = (submission, ScriptOf(clipId));
            _submissions.Add(submission);
            return taskId;
        }
    }
}
