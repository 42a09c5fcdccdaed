namespace AiStudio.Providers;

/// <summary>
/// The provider did not answer about a task (network failure, time-out, overload) even after the HTTP retries: nothing
/// is known about the task, so the caller asks again later instead of failing it.
/// </summary>
public sealed class ProviderUnavailableException(string message, Exception innerException) : Exception(message, innerException);
