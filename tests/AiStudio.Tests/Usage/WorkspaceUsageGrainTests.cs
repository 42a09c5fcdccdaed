using AiStudio.Tests.Api;
using AiStudio.Usage;

namespace AiStudio.Tests.Usage;

[Collection(ApiClusterCollection.Name)]
public sealed class WorkspaceUsageGrainTests(ApiClusterFixture fixture)
{
    [Fact]
    public async Task A_duplicate_reservation_and_settlement_of_one_job_count_once()
    {
        var usage = fixture.Client.GetGrain<IWorkspaceUsageGrain>(UsagePeriods.GrainKey($"ws_{Guid.NewGuid():N}", DateTimeOffset.UtcNow));

        await usage.ReserveAsync("job-1", 7);
        await usage.ReserveAsync("job-1", 7);
        Assert.Equal(7, (await usage.GetAsync()).CommittedCents);

        await usage.SettleAsync("job-1", 5);
        await usage.SettleAsync("job-1", 5);
        await usage.ReserveAsync("job-1", 7);

        var settled = await usage.GetAsync();
        Assert.Equal(0, settled.CommittedCents);
        Assert.Equal(5, settled.SpentCents);
    }

    [Fact]
    public async Task A_reservation_past_the_cap_is_refused_and_commits_nothing()
    {
        var usage = fixture.Client.GetGrain<IWorkspaceUsageGrain>(UsagePeriods.GrainKey(ApiClusterFixture.BrokeWorkspaceId, DateTimeOffset.UtcNow));
        var before = await usage.GetAsync();

        var refused = await Assert.ThrowsAsync<BudgetExceededException>(() => usage.ReserveAsync($"job-{Guid.NewGuid():N}", 1));

        Assert.Equal(0, refused.BudgetCents);
        Assert.Equal(1, refused.EstimateCents);
        Assert.Equal(before, await usage.GetAsync());
    }
}
