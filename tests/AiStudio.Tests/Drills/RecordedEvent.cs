using System.Text.Json;

namespace AiStudio.Tests.Drills;

/// <summary>One Server-Sent Event as received: its <c>id</c> (the stream's sequence number) and its JSON data.</summary>
public sealed record RecordedEvent(long Id, JsonElement Data);
