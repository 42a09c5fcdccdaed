using System.Security.Claims;

namespace AiStudio.Auth;

/// <summary>Who is calling: the workspace every read and write is scoped to, and the user recorded on new images.</summary>
public sealed record Caller(string WorkspaceId, string UserId)
{
    public const string WorkspaceClaim = "workspace_id";
    public const string UserClaim = "user_id";

    /// <summary>Binds an endpoint parameter from the authenticated principal.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) => ValueTask.FromResult(From(context.User));

    public static Caller? From(ClaimsPrincipal principal)
    {
        var workspaceId = principal.FindFirstValue(WorkspaceClaim);
        var userId = principal.FindFirstValue(UserClaim);
        return workspaceId is null || userId is null ? null : new Caller(workspaceId, userId);
    }
}
