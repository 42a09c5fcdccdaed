namespace AiStudio.Tests.Providers.Fal;

/// <summary>
/// A cluster wired as production with <c>Providers:Images</c> and <c>Providers:Videos</c> set to <c>fal</c>, pointed at a <see cref="FalQueueTestDouble"/> whose
/// model returns a one-second clip for every request; status is polled (no public URL, so no webhooks).
/// </summary>
public sealed class FalVideoFixture : RemoteVideoFixture
{
    private FalQueueTestDouble? _fal;

    public FalQueueTestDouble Fal => _fal ?? throw new InvalidOperationException("The fixture has not started.");

    protected override async Task StartDoubleAsync(byte[] sampleClip)
    {
        _fal = await FalQueueTestDouble.StartAsync();
        _fal.Output = sampleClip;
        _fal.OutputContentType = "video/mp4";
    }

    protected override async ValueTask StopDoubleAsync()
    {
        if (_fal is not null)
        {
            await _fal.DisposeAsync();
        }
    }

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        foreach (var (key, value) in FalProviderServices.Settings(Fal))
        {
            settings[key] = value;
        }

        settings["Videos:ProviderPollInterval"] = "00:00:00.050";
    }
}
