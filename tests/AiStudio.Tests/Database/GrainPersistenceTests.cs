using AiStudio.Hosting;
using AiStudio.Tests.Database.TestGrains;
using AiStudio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace AiStudio.Tests.Database;

[Collection(DatabaseClusterCollection.Name)]
public sealed class GrainPersistenceTests(AiStudioClusterFixture fixture)
{
    [Fact]
    public async Task Grain_state_written_before_deactivation_is_read_back_from_postgresql()
    {
        var key = $"note-{Guid.NewGuid():N}";
        var note = fixture.Client.GetGrain<INoteGrain>(key);
        await note.WriteAsync("first draft");
        await note.WriteAsync("final text");

        await fixture.Cluster.DeactivateAsync(note);
        var reactivated = await note.ReadAsync();

        Assert.Equal("final text", reactivated.Text);
        Assert.Equal(2, reactivated.Revision);
        var storedVersions = await fixture.Database.QueryAsync<int>(
            "SELECT version FROM orleans_storage WHERE grain_type = 'note' AND grain_id_extension = @key", ("key", key));
        Assert.Equal([2], storedVersions);
    }

    [Fact]
    public async Task Two_grain_types_with_the_same_key_keep_separate_state()
    {
        var key = $"shared-{Guid.NewGuid():N}";
        var note = fixture.Client.GetGrain<INoteGrain>(key);
        var tally = fixture.Client.GetGrain<ITallyGrain>(key);
        await note.WriteAsync("hello");
        await tally.AddAsync(5);
        await tally.AddAsync(7);

        await fixture.Cluster.DeactivateAsync(note);
        await fixture.Cluster.DeactivateAsync(tally);

        Assert.Equal("hello", (await note.ReadAsync()).Text);
        Assert.Equal(12, await tally.GetTotalAsync());
        var storedStates = await fixture.Database.QueryAsync<string>(
            "SELECT grain_type FROM orleans_storage WHERE grain_id_extension = @key ORDER BY grain_type", ("key", key));
        Assert.Equal(["note", "tally"], storedStates);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_rejected_and_changes_nothing()
    {
        var storage = GrainStorage();
        var grainId = GrainId.Create("note", $"etag-{Guid.NewGuid():N}");
        var note = new NoteState { Text = "one" };
        var writer = new GrainState<NoteState>(note);
        await storage.WriteStateAsync("note", grainId, writer);
        var staleCopy = new GrainState<NoteState>(new NoteState { Text = "stale" }) { ETag = writer.ETag };
        note.Text = "two";
        await storage.WriteStateAsync("note", grainId, writer);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("note", grainId, staleCopy));
        var duplicateFirstWrite = new GrainState<NoteState>(new NoteState { Text = "also first" });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("note", grainId, duplicateFirstWrite));

        var stored = new GrainState<NoteState>();
        await storage.ReadStateAsync("note", grainId, stored);
        Assert.Equal("two", stored.State?.Text);
        Assert.Equal(writer.ETag, stored.ETag);
        Assert.True(stored.RecordExists);
    }

    [Fact]
    public async Task Cleared_state_reads_back_empty_and_a_writer_from_before_the_clear_still_conflicts()
    {
        var storage = GrainStorage();
        var grainId = GrainId.Create("note", $"clear-{Guid.NewGuid():N}");
        var owner = new GrainState<NoteState>(new NoteState { Text = "to be cleared" });
        await storage.WriteStateAsync("note", grainId, owner);
        var staleCopy = new GrainState<NoteState>(new NoteState { Text = "late write" }) { ETag = owner.ETag };

        await storage.ClearStateAsync("note", grainId, owner);

        var afterClear = new GrainState<NoteState>();
        await storage.ReadStateAsync("note", grainId, afterClear);
        Assert.False(afterClear.RecordExists);
        Assert.Equal(string.Empty, afterClear.State?.Text);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("note", grainId, staleCopy));

        afterClear.State = new NoteState { Text = "written again" };
        await storage.WriteStateAsync("note", grainId, afterClear);
        var reread = new GrainState<NoteState>();
        await storage.ReadStateAsync("note", grainId, reread);
        Assert.Equal("written again", reread.State?.Text);
    }

    private IGrainStorage GrainStorage() =>
        fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(AiStudioSiloBuilderExtensions.GrainStorageName);
}
