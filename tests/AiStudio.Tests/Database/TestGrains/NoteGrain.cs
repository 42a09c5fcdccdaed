namespace AiStudio.Tests.Database.TestGrains;

public sealed class NoteGrain([PersistentState("note", "store")] IPersistentState<NoteState> note) : Grain, INoteGrain
{
    public async Task WriteAsync(string text)
    {
        note.State.Text = text;
        note.State.Revision++;
        await note.WriteStateAsync();
    }

    public Task<NoteState> ReadAsync() => Task.FromResult(note.State);
}
