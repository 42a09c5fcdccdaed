using AiStudio.Tests.Database.TestGrains;
using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Database;

public sealed class MembershipTests(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    private const int Active = 3;

    [Fact]
    public async Task Silos_join_through_postgresql_membership_and_the_client_reaches_them_through_it()
    {
        var silos = fixture.Cluster.Silos.Select(silo => silo.SiloAddress).ToList();

        var activePorts = await fixture.Database.QueryAsync<int>(
            "SELECT port FROM orleans_membership WHERE deployment_id = @cluster AND status = @active ORDER BY port",
            ("cluster", fixture.Cluster.Options.ClusterId), ("active", Active));

        Assert.Equal(silos.Select(silo => silo.Endpoint.Port).Order(), activePorts);
        var note = fixture.Client.GetGrain<INoteGrain>($"membership-{Guid.NewGuid():N}");
        await note.WriteAsync("reached through a gateway found in PostgreSQL");
        Assert.Equal("reached through a gateway found in PostgreSQL", (await note.ReadAsync()).Text);
    }
}
