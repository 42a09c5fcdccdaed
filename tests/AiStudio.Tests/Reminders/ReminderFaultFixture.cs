using AiStudio.Tests.Videos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiStudio.Tests.Reminders;

/// <summary>
/// A one-silo video cluster whose reminder table can refuse registrations on demand (<see cref="FaultInjectingReminderTable"/>)
/// and whose reminders tick every second, so what a lost registration would leave stuck shows within a test.
/// </summary>
public sealed class ReminderFaultFixture : VideoClusterFixture
{
    private FaultInjectingReminderTable? _reminders;

    public FaultInjectingReminderTable Reminders => _reminders ?? throw new InvalidOperationException("The silo has not started.");

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        base.AddSettings(settings);
        ResumeStalledWorkWithinSeconds(settings);
    }

    protected internal override void ConfigureSiloServices(IServiceCollection services, IConfiguration configuration)
    {
        base.ConfigureSiloServices(services, configuration);

        // Wraps the production table (the AdoNet one) that UseAiStudioCluster registered.
        var production = services.Last(service => service.ServiceType == typeof(IReminderTable));
        services.Remove(production);
        services.AddSingleton<IReminderTable>(provider => _reminders = new FaultInjectingReminderTable(
            (IReminderTable)(production.ImplementationInstance
                ?? production.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, production.ImplementationType!))));
    }
}
