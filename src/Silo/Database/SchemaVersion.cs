namespace AiStudio.Database;

/// <summary>A schema script's version and name, as recorded in <c>aistudio_schema_version</c>.</summary>
public sealed record SchemaVersion(int Version, string Name);
