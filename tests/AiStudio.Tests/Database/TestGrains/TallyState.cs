namespace AiStudio.Tests.Database.TestGrains;

[GenerateSerializer]
public sealed class TallyState
{
    [Id(0)] public int Total { get; set; }
}
