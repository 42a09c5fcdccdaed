namespace AiStudio.Tests.Providers.Fal;

/// <summary>How the fal test double plays the requests submitted while this script is set.</summary>
/// <param name="QueuePosition">The position the request starts at; each status poll while queued counts it down to 0.</param>
/// <param name="RunningPolls">Status polls answered <c>IN_PROGRESS</c> before the request completes.</param>
/// <param name="HonoursCancel">Whether a cancel while running stops the model (fal leaves it to the app).</param>
public sealed record FalJobScript(
    int QueuePosition = 0,
    int RunningPolls = 1,
    FalTestOutcome Outcome = FalTestOutcome.Success,
    bool HonoursCancel = true);
