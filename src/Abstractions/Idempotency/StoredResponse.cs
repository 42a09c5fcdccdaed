namespace AiStudio.Idempotency;

/// <summary>The first response to an idempotent request, replayed byte for byte.</summary>
[GenerateSerializer, Immutable]
public sealed record StoredResponse(
    [property: Id(0)] int StatusCode,
    [property: Id(1)] string? ContentType,
    [property: Id(2)] string? Location,
    [property: Id(3)] byte[] Body);
