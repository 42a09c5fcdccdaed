namespace AiStudio.Tests.Database.TestGrains;

[GenerateSerializer]
public sealed class AlarmState
{
    [Id(0)] public int Rings { get; set; }
}
