namespace AiStudio.Providers;

/// <summary>The seed's end-user messages that every provider shares.</summary>
public static class ProviderErrorMessages
{
    public const string NoResult = "The AI model didn't return a result";
}
