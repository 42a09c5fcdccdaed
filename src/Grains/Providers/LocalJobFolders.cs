using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace AiStudio.Providers;

/// <summary>
/// The durable job queue of a local provider, one folder per job key under <c>root</c>: <c>request.json</c> and the
/// inputs (staged aside and renamed into place by the first submit of the key, so a folder is always complete), a
/// <c>claim</c> file locked by the process running the job (the operating system drops the lock when that process
/// dies), and <c>result.{ext}</c> or <c>failure.txt</c>, each published in one rename. A job that is on disk,
/// unfinished and unclaimed was interrupted, so the next submit or status request runs it here: a job survives a
/// restart and is re-attached, and a finished one is never run again.
/// </summary>
internal sealed class LocalJobFolders : IAsyncDisposable
{
    private const int HashLength = 32;
    private const string ClaimFile = "claim";

    private readonly string _root;
    private readonly IReadOnlyList<string> _taskIdPrefixes;
    private readonly Func<LocalJob, CancellationToken, Task> _execute;
    private readonly string _unexpectedFailureMessage;
    private readonly ILogger _logger;
    private readonly Lock _attachGate = new();
    private readonly ConcurrentDictionary<string, RunningJob> _running = new();
    private readonly CancellationTokenSource _shutdown = new();

    /// <param name="execute">Does the job and publishes its result or failure; an exception it throws fails the job with <paramref name="unexpectedFailureMessage"/>.</param>
    public LocalJobFolders(
        string root,
        IReadOnlyList<string> taskIdPrefixes,
        Func<LocalJob, CancellationToken, Task> execute,
        string unexpectedFailureMessage,
        ILogger logger)
    {
        _root = root;
        _taskIdPrefixes = taskIdPrefixes;
        _execute = execute;
        _unexpectedFailureMessage = unexpectedFailureMessage;
        _logger = logger;
        Directory.CreateDirectory(_root);
    }

    /// <summary>A task id derived from the job key alone, so a caller that lost its answer gets the same id by submitting again.</summary>
    public static string TaskIdFor(string prefix, string jobKey) =>
        prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(jobKey)))[..HashLength];

    /// <summary>Records the job under <paramref name="taskId"/> unless its key was submitted before, then runs it if nobody does.</summary>
    /// <param name="stageInputs">Copies the job's inputs into the folder it is given, before the folder is put in place.</param>
    public async Task<string> SubmitAsync<TRequest>(
        string taskId, TRequest request, Func<string, CancellationToken, Task> stageInputs, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(_root, taskId);
        if (!File.Exists(Path.Combine(directory, LocalJob.RequestFile)))
        {
            var staging = Path.Combine(_root, ".staging", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(staging);
            try
            {
                await stageInputs(staging, cancellationToken);
                await File.WriteAllBytesAsync(Path.Combine(staging, LocalJob.RequestFile), JsonSerializer.SerializeToUtf8Bytes(request), cancellationToken);
                Directory.Move(staging, directory);
            }
            catch (IOException) when (File.Exists(Path.Combine(directory, LocalJob.RequestFile)))
            {
                // Another submit of the same key came first; its job is the one.
            }
            finally
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }
        }

        Attach(taskId);
        return taskId;
    }

    public ProviderJobState GetStatus(string taskId) => IsTaskId(taskId) ? Attach(taskId) : ProviderJobState.Unknown;

    /// <exception cref="InvalidOperationException">The job has no published result.</exception>
    public ProviderResult OpenResult(string taskId)
    {
        var result = IsTaskId(taskId) ? PublishedResult(Path.Combine(_root, taskId)) : null;
        if (result is null)
        {
            throw new InvalidOperationException($"{ProviderErrorMessages.NoResult}: job {taskId} has none");
        }

        var content = new FileStream(result, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return new ProviderResult(content, Path.GetExtension(result));
    }

    /// <summary>Stops the job if this process runs it, then deletes its folder: the task is unknown from then on.</summary>
    public async Task CancelAsync(string taskId)
    {
        if (!IsTaskId(taskId))
        {
            return;
        }

        if (_running.TryGetValue(taskId, out var job))
        {
            try
            {
                await job.Stop.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // The job ended between the look-up and the cancel.
            }

            await job.Completion;
        }

        var directory = Path.Combine(_root, taskId);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_shutdown.IsCancellationRequested)
        {
            return;
        }

        await _shutdown.CancelAsync();
        await Task.WhenAll(_running.Values.Select(job => job.Completion));
        _shutdown.Dispose();
    }

    private bool IsTaskId(string? taskId) =>
        taskId is not null
        && _taskIdPrefixes.FirstOrDefault(candidate => taskId.StartsWith(candidate, StringComparison.Ordinal)) is { } prefix
        && taskId.Length == prefix.Length + HashLength
        && !taskId.AsSpan(prefix.Length).ContainsAnyExcept("0123456789abcdef");

    /// <summary>Reports a job's state, first starting it here when it is on disk, unfinished, and claimed by no live process.</summary>
    private ProviderJobState Attach(string taskId)
    {
        lock (_attachGate)
        {
            if (_running.TryGetValue(taskId, out var running))
            {
                return running.State;
            }

            var directory = Path.Combine(_root, taskId);
            if (FinishedState(directory) is { } finished)
            {
                return finished;
            }

            if (!File.Exists(Path.Combine(directory, LocalJob.RequestFile)))
            {
                return ProviderJobState.Unknown;
            }

            if (_shutdown.IsCancellationRequested || TryClaim(directory) is not { } claim)
            {
                return ProviderJobState.Running;
            }

            // The previous owner may have finished between the first look and the claim.
            if (FinishedState(directory) is { } finishedMeanwhile)
            {
                claim.Dispose();
                return finishedMeanwhile;
            }

            var job = new RunningJob(new LocalJob(taskId, directory), claim, CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token));
            _running[taskId] = job;
            job.Completion = Task.Run(() => RunAsync(job));
            return ProviderJobState.Queued;
        }
    }

    private async Task RunAsync(RunningJob job)
    {
        var cancellationToken = job.Stop.Token;
        try
        {
            job.State = ProviderJobState.Running;
            if (Directory.Exists(job.Job.WorkDirectory))
            {
                Directory.Delete(job.Job.WorkDirectory, recursive: true);
            }

            Directory.CreateDirectory(job.Job.WorkDirectory);
            await _execute(job.Job, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _logger.LogInformation("Job {TaskId} stopped unfinished; it resumes on its next status request unless it was canceled", job.Job.TaskId);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Job {TaskId} failed unexpectedly", job.Job.TaskId);
            await TryPublishFailureAsync(job.Job, _unexpectedFailureMessage);
        }
        finally
        {
            TryDeleteWorkDirectory(job.Job);
            _running.TryRemove(job.Job.TaskId, out _);
            job.Claim.Dispose();
            job.Stop.Dispose();
        }
    }

    private async Task TryPublishFailureAsync(LocalJob job, string message)
    {
        try
        {
            await job.PublishFailureAsync(message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Canceled meanwhile, or the disk failed: the job stays unfinished and is re-attached later.
            _logger.LogWarning(e, "Could not record the failure of job {TaskId}", job.TaskId);
        }
    }

    private void TryDeleteWorkDirectory(LocalJob job)
    {
        try
        {
            Directory.Delete(job.WorkDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Never made, or the job was canceled and its folder deleted.
        }
    }

    private static ProviderJobState? FinishedState(string directory)
    {
        if (PublishedResult(directory) is not null)
        {
            return ProviderJobState.Succeeded;
        }

        var failure = Path.Combine(directory, LocalJob.FailureFile);
        return File.Exists(failure) ? ProviderJobState.Failed(File.ReadAllText(failure)) : null;
    }

    private static string? PublishedResult(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory, LocalJob.ResultName + ".*").FirstOrDefault() : null;

    /// <summary>An exclusive lock on the job's claim file, or null when another live process (or job) holds it.</summary>
    private static FileStream? TryClaim(string directory)
    {
        try
        {
            return new FileStream(Path.Combine(directory, ClaimFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>A job this process runs: it holds <see cref="Claim"/> until the job ends.</summary>
    private sealed class RunningJob(LocalJob job, FileStream claim, CancellationTokenSource stop)
    {
        public LocalJob Job { get; } = job;

        public FileStream Claim { get; } = claim;

        public CancellationTokenSource Stop { get; } = stop;

        public ProviderJobState State { get; set; } = ProviderJobState.Queued;

        public Task Completion { get; set; } = Task.CompletedTask;
    }
}
