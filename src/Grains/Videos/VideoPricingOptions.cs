namespace AiStudio.Videos;

/// <summary>
/// One video provider's prices in cents: an entry of <see cref="VideoPricingTable"/>. Projects are priced from the entry
/// of the configured provider (<c>Providers:Videos</c>), which the silo registers as these options.
/// </summary>
public sealed class VideoPricingOptions
{
    public int ClipCentsPerSecond { get; set; }
    public int TransitionCents { get; set; }
    public int CompileCents { get; set; }
    public int AmbientAudioCents { get; set; }

    public bool IsValid => ClipCentsPerSecond >= 0 && TransitionCents >= 0 && CompileCents >= 0 && AmbientAudioCents >= 0;

    public int PriceOf(ClipKind kind, int durationSeconds) =>
        kind == ClipKind.Transition ? TransitionCents : ClipCentsPerSecond * durationSeconds;

    /// <summary>Compiling, with the ambient bed it synthesises when asked for one.</summary>
    public int CompilePrice(bool ambientAudio) => CompileCents + (ambientAudio ? AmbientAudioCents : 0);
}
