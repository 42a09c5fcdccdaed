using AiStudio.Common;
using AiStudio.Problems;

namespace AiStudio.Auth;

public static class WorkspaceScope
{
    /// <summary>
    /// The caller's entity and its grain, or 404 with <paramref name="notFoundMessage"/> for a malformed, unknown or
    /// foreign ID alike (API.md: another workspace's ID answers exactly as one that does not exist).
    /// </summary>
    public static async Task<(TGrain Grain, TView View)> RequireAsync<TGrain, TView>(
        IClusterClient client,
        Caller caller,
        string id,
        string idPrefix,
        string notFoundMessage,
        Func<TGrain, Task<TView?>> read,
        Func<TView, string> workspaceOf)
        where TGrain : IGrainWithStringKey
        where TView : class
    {
        if (!EntityIds.IsWellFormed(id, idPrefix))
        {
            throw ApiProblemException.NotFound(notFoundMessage);
        }

        var grain = client.GetGrain<TGrain>(id);
        var view = await read(grain);
        return view is not null && workspaceOf(view) == caller.WorkspaceId
            ? (grain, view)
            : throw ApiProblemException.NotFound(notFoundMessage);
    }
}
