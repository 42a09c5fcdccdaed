namespace AiStudio.Common;

/// <summary>A grain refused a state transition that its rules do not allow (HTTP 409 at the API).</summary>
[GenerateSerializer, Alias("AiStudio.TransitionRejectedException")]
public sealed class TransitionRejectedException : Exception
{
    public TransitionRejectedException(string message) : base(message)
    {
    }
}
