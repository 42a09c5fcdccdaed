namespace AiStudio.Net;

/// <summary>A permitted fetch did not produce a body: unreachable host, error status or time-out.</summary>
public sealed class FetchFailedException(string message, Exception? innerException = null) : Exception(message, innerException);
