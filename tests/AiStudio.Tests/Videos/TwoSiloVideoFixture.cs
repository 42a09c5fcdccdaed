using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace AiStudio.Tests.Videos;

/// <summary>A two-silo video cluster whose reminders tick every second and whose provider leases last seconds, so work of a killed silo resumes within the test.</summary>
public sealed class TwoSiloVideoFixture : VideoClusterFixture
{
    public static readonly TimeSpan ProviderLeaseDuration = TimeSpan.FromSeconds(8);

    protected override short InitialSilosCount => 2;

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        base.AddSettings(settings);
        settings["Videos:ResumeCheckInterval"] = "00:00:01";
        settings["Videos:StaleRunAfter"] = "00:00:03";
        settings["Videos:ProviderLeaseDuration"] = ProviderLeaseDuration.ToString();
    }

    protected internal override void ConfigureSiloServices(IServiceCollection services, IConfiguration configuration)
    {
        base.ConfigureSiloServices(services, configuration);
        services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
    }
}
