namespace AiStudio.Tests.Database.TestGrains;

public sealed class TallyGrain([PersistentState("tally", "store")] IPersistentState<TallyState> tally) : Grain, ITallyGrain
{
    public async Task<int> AddAsync(int amount)
    {
        tally.State.Total += amount;
        await tally.WriteStateAsync();
        return tally.State.Total;
    }

    public Task<int> GetTotalAsync() => Task.FromResult(tally.State.Total);
}
