namespace AiStudio.Tests.Videos;

/// <summary>A two-silo video cluster whose reminders tick every second and whose provider leases last seconds, so work of a killed silo resumes within the test.</summary>
public sealed class TwoSiloVideoFixture : VideoClusterFixture
{
    public static readonly TimeSpan ProviderLeaseDuration = TimeSpan.FromSeconds(8);

    protected override short InitialSilosCount => 2;

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        base.AddSettings(settings);
        ResumeStalledWorkWithinSeconds(settings);
        settings["Videos:ProviderLeaseDuration"] = ProviderLeaseDuration.ToString();
    }
}
