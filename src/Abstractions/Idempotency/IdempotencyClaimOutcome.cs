namespace AiStudio.Idempotency;

[GenerateSerializer]
public enum IdempotencyClaimOutcome
{
    /// <summary>The caller holds the key and runs the request.</summary>
    Acquired,

    /// <summary>The same request already completed: answer with the stored response.</summary>
    Replay,

    /// <summary>The same request is still running elsewhere.</summary>
    InProgress,

    /// <summary>The key was used with a different request.</summary>
    Mismatch,
}
