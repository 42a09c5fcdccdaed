using AiStudio.Tests.Providers.Fal;

namespace AiStudio.Tests.Images;

/// <summary>
/// An image cluster whose provider is fal, played by a <see cref="FalQueueTestDouble"/>: one fal slot for the whole
/// cluster, quick polls, reminders every second and a processing time-out of <see cref="ProcessingTimeout"/>.
/// </summary>
public sealed class FalImageClusterFixture : ImageClusterFixture
{
    public static readonly TimeSpan ProcessingTimeout = TimeSpan.FromSeconds(6);

    private FalQueueTestDouble? _fal;

    public FalQueueTestDouble Fal => _fal ?? throw new InvalidOperationException("The fixture has not started.");

    public override async Task InitializeAsync()
    {
        _fal = await FalQueueTestDouble.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_fal is not null)
        {
            await _fal.DisposeAsync();
        }
    }

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        base.AddSettings(settings);
        settings["Providers:Images"] = "fal";
        settings["Providers:Concurrency:fal"] = "1";
        settings["Fal:Key"] = FalQueueTestDouble.Key;
        settings["Fal:QueueUrl"] = Fal.QueueUrl;
        settings["Fal:RestUrl"] = Fal.RestUrl;
        settings["Fal:RetryDelay"] = "00:00:00.010";
        settings["Fetch:AllowedHosts:0"] = "127.0.0.1";
        settings["Images:ProviderPollMaxInterval"] = "00:00:00.200";
        settings["Images:ProcessingTimeout"] = ProcessingTimeout.ToString();
        settings["Images:ResumeCheckInterval"] = "00:00:01";
        settings["Reminders:MinimumPeriod"] = "00:00:01";
    }
}
