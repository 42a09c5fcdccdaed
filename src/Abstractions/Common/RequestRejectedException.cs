namespace AiStudio.Common;

/// <summary>A grain refused a request whose content is invalid (HTTP 400 at the API). <see cref="Field"/> names the offending input when there is one.</summary>
[GenerateSerializer, Alias("AiStudio.RequestRejectedException")]
public sealed class RequestRejectedException : Exception
{
    public RequestRejectedException(string field, string message) : base(message)
    {
        Field = field;
    }

    [Id(0)]
    public string Field { get; }
}
