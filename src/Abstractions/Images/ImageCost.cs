namespace AiStudio.Images;

/// <summary>Cents for the current attempt: estimated from the price table when accepted, actual once it completed or failed.</summary>
[GenerateSerializer, Immutable]
public sealed record ImageCost(
    [property: Id(0)] int Estimated,
    [property: Id(1)] int? Actual);
