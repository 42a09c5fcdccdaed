namespace AiStudio.Providers.Fal;

/// <summary>fal refused or failed a call; <see cref="Exception.Message"/> is worded for the end user and keeps fal's detail.</summary>
public sealed class FalRequestException(string message, int statusCode) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
