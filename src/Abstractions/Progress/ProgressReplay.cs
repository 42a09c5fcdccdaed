namespace AiStudio.Progress;

/// <summary>What a (re)connecting subscriber needs: the retained events after its last one, and the current state as an event.</summary>
[GenerateSerializer, Immutable]
public sealed record ProgressReplay(
    [property: Id(0)] IReadOnlyList<ProgressEvent> Missed,
    [property: Id(1)] ProgressEvent Current);
