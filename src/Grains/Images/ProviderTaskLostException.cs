namespace AiStudio.Images;

/// <summary>The provider no longer knows a task the run was waiting on; the next run submits the job again.</summary>
internal sealed class ProviderTaskLostException : Exception;
