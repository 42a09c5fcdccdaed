namespace AiStudio.Tests.Database.TestGrains;

/// <summary>A test grain holding one text note in the "note" state of the "store" provider.</summary>
[Alias("AiStudio.Tests.Database.TestGrains.INoteGrain")]
public interface INoteGrain : IGrainWithStringKey
{
    [Alias("Write")]
    Task WriteAsync(string text);

    [Alias("Read")]
    Task<NoteState> ReadAsync();
}
