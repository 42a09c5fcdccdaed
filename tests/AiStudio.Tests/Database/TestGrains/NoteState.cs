namespace AiStudio.Tests.Database.TestGrains;

[GenerateSerializer]
public sealed class NoteState
{
    [Id(0)] public string Text { get; set; } = string.Empty;
    [Id(1)] public int Revision { get; set; }
}
