namespace AiStudio.Tests.Drills;

/// <summary>The API answered a drill's request with something the drill does not accept.</summary>
public sealed class DrillRequestException(string message) : Exception(message);
