using System.Text.Json;

namespace AiStudio.Tests.Api;

public sealed record SseEvent(long? Id, string Event, JsonElement Data)
{
    public string? String(string property) => Data.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public int? Int(string property) => Data.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
}
