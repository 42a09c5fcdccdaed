namespace AiStudio.Net;

/// <summary>A URL, a redirect or a response broke the fetch policy (scheme, destination address, size, redirect count).</summary>
public sealed class FetchRefusedException(string message) : Exception(message);
