namespace AiStudio.Tests.Drills;

/// <summary>How a drill wants its deployment: how many silos, whether the database server is its own, extra silo settings.</summary>
public sealed record DrillClusterOptions(string Name)
{
    public int SiloCount { get; init; } = 3;

    /// <summary>Run PostgreSQL as a server of this drill alone, so that it can be stopped and started.</summary>
    public bool OwnDatabaseServer { get; init; }

    /// <summary>Configuration keys (<c>Images:ResumeCheckInterval</c>) that override the drill defaults on every silo.</summary>
    public IReadOnlyDictionary<string, string?> SiloSettings { get; init; } = new Dictionary<string, string?>();

    public string SigningKey { get; init; } = "drill-signing-key-0123456789abcdef";
}
