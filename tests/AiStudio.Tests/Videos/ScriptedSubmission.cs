using AiStudio.Videos;

namespace AiStudio.Tests.Videos;

/// <summary>One call to submit, as the scripted provider saw it; <see cref="FinishedAt"/> is set once a poll saw its task end.</summary>
public sealed record ScriptedSubmission(string JobKey, string ClipId, ClipKind Kind, string TaskId, long SubmittedAt)
{
    public long? FinishedAt { get; set; }
}
