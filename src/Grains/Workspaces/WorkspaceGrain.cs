using System.Globalization;
using AiStudio.Common;
using AiStudio.Persistence;

namespace AiStudio.Workspaces;

public sealed class WorkspaceGrain([PersistentState("workspace", "store")] IPersistentState<WorkspaceState> state)
    : Grain, IWorkspaceGrain
{
    public Task AddProjectAsync(string projectId) => AddAsync(state.State.Projects, projectId);

    public Task<Page> ListProjectsAsync(string? cursor, int limit) => Task.FromResult(List(state.State.Projects, cursor, limit));

    public Task AddVideoProjectAsync(string videoProjectId) => AddAsync(state.State.VideoProjects, videoProjectId);

    public async Task RemoveVideoProjectAsync(string videoProjectId)
    {
        if (state.State.VideoProjects.RemoveAll(entry => entry.Id == videoProjectId) > 0)
        {
            await state.WriteOrDeactivateAsync(this);
        }
    }

    public Task<Page> ListVideoProjectsAsync(string? cursor, int limit) => Task.FromResult(List(state.State.VideoProjects, cursor, limit));

    private async Task AddAsync(List<WorkspaceEntry> entries, string id)
    {
        if (entries.Exists(entry => entry.Id == id))
        {
            return;
        }

        entries.Add(new WorkspaceEntry(state.State.NextOrdinal++, id));
        await state.WriteOrDeactivateAsync(this);
    }

    private static Page List(List<WorkspaceEntry> entries, string? cursor, int limit)
    {
        var before = long.MaxValue;
        if (cursor is not null && (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out before) || before <= 0))
        {
            throw new RequestRejectedException("cursor", "The cursor is not one this API returned.");
        }

        limit = Math.Clamp(limit, 1, 100);
        var page = entries.Where(entry => entry.Ordinal < before).OrderByDescending(entry => entry.Ordinal).Take(limit + 1).ToList();
        var hasMore = page.Count > limit;
        var items = page.Take(limit).ToList();
        var next = hasMore ? items[^1].Ordinal.ToString(CultureInfo.InvariantCulture) : null;
        return new Page(items.Select(entry => entry.Id).ToList(), next);
    }
}
