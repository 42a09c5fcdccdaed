namespace AiStudio.Tests.Providers.Kling;

/// <summary>
/// A cluster wired as production with <c>Providers:Videos=kling</c> in pro mode, pointed at a <see cref="KlingTestDouble"/>
/// that allows one unfinished task at a time (so clips wait out 1303) and returns a one-second clip for every task.
/// </summary>
public class KlingVideoFixture : RemoteVideoFixture
{
    private KlingTestDouble? _kling;

    public KlingTestDouble Kling => _kling ?? throw new InvalidOperationException("The fixture has not started.");

    protected override async Task StartDoubleAsync(byte[] sampleClip)
    {
        _kling = await KlingTestDouble.StartAsync(sampleClip);
        _kling.Concurrency = 1;
    }

    protected override async ValueTask StopDoubleAsync()
    {
        if (_kling is not null)
        {
            await _kling.DisposeAsync();
        }
    }

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        foreach (var (key, value) in KlingProviderHost.Settings(StorageRoot, Kling))
        {
            settings[key] = value;
        }

        settings["Kling:Mode"] = "pro";
        settings["Videos:ProviderPollInterval"] = "00:00:00.100";
        settings["Api:PublicBaseUrl"] = "https://studio.example";
    }
}
