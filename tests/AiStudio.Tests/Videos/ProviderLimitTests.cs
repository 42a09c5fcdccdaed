using AiStudio.Videos;

namespace AiStudio.Tests.Videos;

[Collection(VideoClusterCollection.Name)]
public sealed class ProviderLimitTests(VideoClusterFixture fixture)
{
    [Fact]
    public async Task The_provider_limit_holds_across_projects_and_each_project_keeps_its_own_limit()
    {
        var projects = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => VideoScenario.CreateAsync(fixture, clipCount: 5)));
        var clipIds = projects.SelectMany(project => project.ClipIds).ToList();
        foreach (var clipId in clipIds)
        {
            fixture.Provider.Script(clipId, new ScriptedTask(TimeSpan.FromMilliseconds(300)));
        }

        await Task.WhenAll(projects.Select(project => project.Grain.GenerateAsync()));
        await Task.WhenAll(projects.Select(project => project.WaitForAsync(VideoProjectStatus.Completed)));

        Assert.Equal(15, fixture.Provider.SubmissionsOf(clipIds).Count);
        Assert.Equal(VideoClusterFixture.ProviderConcurrency, fixture.Provider.MaxInFlight(clipIds));
        Assert.All(projects, project => Assert.InRange(fixture.Provider.MaxInFlight(project.ClipIds), 1, 3));
    }
}
