namespace AiStudio.Tests.Providers.Kling;

/// <summary>A Kling video cluster whose clips time out two seconds after Kling accepted them, polling Kling at least every 200 ms.</summary>
public sealed class ShortClipTimeoutKlingFixture : KlingVideoFixture
{
    public static readonly TimeSpan ClipTimeout = TimeSpan.FromSeconds(2);

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        base.AddSettings(settings);
        settings["Videos:ClipTimeout"] = ClipTimeout.ToString();
        settings["Videos:ProviderPollMaxInterval"] = "00:00:00.200";
    }
}
