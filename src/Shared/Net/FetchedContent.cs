namespace AiStudio.Net;

/// <summary>The body of a successful fetch and where it finally came from (after redirects).</summary>
public sealed record FetchedContent(Uri FinalUri, string? ContentType, byte[] Content);
