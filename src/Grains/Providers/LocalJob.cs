using System.Text.Json;

namespace AiStudio.Providers;

/// <summary>
/// One job of a local provider while this process runs it: its folder, with the request and inputs the submit
/// staged, a fresh <see cref="WorkDirectory"/> for temporary files, and the means to publish how it ended.
/// </summary>
internal sealed class LocalJob(string taskId, string directory)
{
    internal const string RequestFile = "request.json";
    internal const string ResultName = "result";
    internal const string FailureFile = "failure.txt";

    public string TaskId { get; } = taskId;

    public string Directory { get; } = directory;

    public string WorkDirectory => Path.Combine(Directory, "work");

    public async Task<T> ReadRequestAsync<T>(CancellationToken cancellationToken) =>
        JsonSerializer.Deserialize<T>(await File.ReadAllBytesAsync(Path.Combine(Directory, RequestFile), cancellationToken))
            ?? throw new InvalidDataException($"Job {TaskId} has an empty request.");

    /// <summary>Moves <paramref name="file"/> into place as the job's result, <c>result.{extension}</c>, in one rename.</summary>
    public void PublishResult(string file, string extension) =>
        File.Move(file, Path.Combine(Directory, $"{ResultName}.{extension}"), overwrite: true);

    /// <summary>Records the job's failure with the message its caller is shown; written aside, then renamed into place.</summary>
    public async Task PublishFailureAsync(string message)
    {
        var temporary = Path.Combine(Directory, $".{FailureFile}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(temporary, message);
            File.Move(temporary, Path.Combine(Directory, FailureFile), overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
