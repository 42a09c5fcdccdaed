using AiStudio.Images;

namespace AiStudio.Projects;

[GenerateSerializer]
public sealed class ProjectState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string WorkspaceId { get; set; } = "";
    [Id(2)] public string Name { get; set; } = "";
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Every image of the project, edit versions included, in the order they were added.</summary>
    [Id(5)] public List<string> ImageIds { get; set; } = [];

    /// <summary>Each image's last known status: the counts are derived from it, so repeated reports cannot skew them.</summary>
    [Id(6)] public Dictionary<string, ImageStatus> ImageStatuses { get; set; } = [];
}
