using AiStudio.Tests.Providers.Kling;

namespace AiStudio.Tests.ProviderCallbacks;

/// <summary>The Kling cluster with polls ten minutes apart, so a clip finishes in a test's time only if callbacks' hints wake its run.</summary>
public sealed class KlingCallbackFixture : KlingVideoFixture
{
    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        base.AddSettings(settings);
        settings["Videos:ProviderPollInterval"] = "00:10:00";
        settings["Videos:StaleRunAfter"] = "00:30:00";
    }
}
