namespace AiStudio.Limits;

[GenerateSerializer]
public sealed class ProviderSlotsState
{
    /// <summary>Each holder with a slot, and when its lease runs out.</summary>
    [Id(0)] public Dictionary<string, DateTimeOffset> Leases { get; set; } = [];

    /// <summary>Holders waiting for a slot, first come first served.</summary>
    [Id(1)] public List<string> Waiting { get; set; } = [];
}
