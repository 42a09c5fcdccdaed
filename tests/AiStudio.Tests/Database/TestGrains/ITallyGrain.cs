namespace AiStudio.Tests.Database.TestGrains;

/// <summary>A second test grain type with its own "tally" state, used with the same keys as <see cref="INoteGrain"/>.</summary>
[Alias("AiStudio.Tests.Database.TestGrains.ITallyGrain")]
public interface ITallyGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task<int> AddAsync(int amount);

    [Alias("GetTotal")]
    Task<int> GetTotalAsync();
}
