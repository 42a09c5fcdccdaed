namespace AiStudio.Videos;

/// <summary>The price table in cents, bound from the <c>Pricing</c> configuration section.</summary>
public sealed class VideoPricingOptions
{
    public int ClipCentsPerSecond { get; set; } = 7;
    public int TransitionCents { get; set; } = 10;
    public int CompileCents { get; set; } = 5;
    public int AmbientAudioCents { get; set; } = 10;

    public int PriceOf(ClipKind kind, int durationSeconds) =>
        kind == ClipKind.Transition ? TransitionCents : ClipCentsPerSecond * durationSeconds;

    /// <summary>Compiling, with the ambient bed it synthesises when asked for one.</summary>
    public int CompilePrice(bool ambientAudio) => CompileCents + (ambientAudio ? AmbientAudioCents : 0);
}
