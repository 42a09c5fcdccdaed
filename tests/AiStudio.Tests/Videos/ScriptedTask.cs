namespace AiStudio.Tests.Videos;

/// <summary>How a scripted provider task behaves: how long it runs, and whether it fails, is held until released, or yields a given file.</summary>
public sealed record ScriptedTask(TimeSpan Latency, string? FailWith = null, bool HoldUntilReleased = false, string? ResultPath = null);
