namespace AiStudio.Videos;

/// <summary>Cents: estimated at creation from the price table, actual set on completion from the work done.</summary>
[GenerateSerializer, Immutable]
public sealed record VideoCost(
    [property: Id(0)] int Estimated,
    [property: Id(1)] int? Actual);
