using System.Reflection;
using AiStudio.Progress;
using AiStudio.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Runtime;
using Orleans.Streams;

namespace AiStudio.Tests.ProgressLog;

/// <summary>The progress log on PostgreSQL and the channel that numbers events into it.</summary>
public sealed class ProgressChannelTests
{
    private const string StreamKey = "projects/prj_progresstest";

    [Fact]
    public async Task The_log_refuses_a_sequence_it_already_holds_and_keeps_the_first_event()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var log = new PostgresProgressEventLog(dataSource, Options.Create(new ProgressLogOptions()));

        Assert.Equal(ProgressAppend.Appended, await log.AppendAsync(StreamKey, Event(1, "first")));
        Assert.Equal(ProgressAppend.SequenceTaken, await log.AppendAsync(StreamKey, Event(1, "second")));

        var stored = Assert.Single(await log.ReadAfterAsync(StreamKey, 0, 10));
        Assert.Equal("first", stored.Label);
    }

    [Fact]
    public async Task A_channel_whose_next_number_was_taken_elsewhere_publishes_under_the_next_free_one()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var log = new PostgresProgressEventLog(dataSource, Options.Create(new ProgressLogOptions()));
        var channel = await ProgressChannel.OpenAsync(log, new SilentStreams(), "projects", "prj_progresstest", NullLogger.Instance);
        await channel.PublishAsync(Event(0, "one"));

        // Another activation of the same project numbered an event meanwhile.
        Assert.Equal(ProgressAppend.Appended, await log.AppendAsync(StreamKey, Event(2, "from elsewhere")));
        var published = await channel.PublishAsync(Event(0, "three"));

        Assert.Equal(3, published!.Sequence);
        Assert.Equal(["one", "from elsewhere", "three"], (await log.ReadAfterAsync(StreamKey, 0, 10)).Select(stored => stored.Label));
    }

    [Fact]
    public async Task A_report_repeated_after_its_answer_was_lost_is_logged_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var log = new PostgresProgressEventLog(dataSource, Options.Create(new ProgressLogOptions()));
        var channel = await ProgressChannel.OpenAsync(log, new SilentStreams(), "projects", "prj_progresstest", NullLogger.Instance);
        await channel.PublishAsync(Event(0, "image completed"), onceKey: "img_1-1-completed");

        // A second activation (the first one's silo stopped before it answered) hears the same report again.
        var reopened = await ProgressChannel.OpenAsync(log, new SilentStreams(), "projects", "prj_progresstest", NullLogger.Instance);
        var repeated = await reopened.PublishAsync(Event(0, "image completed"), onceKey: "img_1-1-completed");
        var retried = await reopened.PublishAsync(Event(0, "retry completed"), onceKey: "img_1-2-completed");

        Assert.Null(repeated);
        Assert.Equal(2, retried!.Sequence);
        Assert.Equal(["image completed", "retry completed"], (await log.ReadAfterAsync(StreamKey, 0, 10)).Select(stored => stored.Label));
    }

    private static ProgressEvent Event(long sequence, string label) =>
        new(sequence, "prj_progresstest", "processing", "processing", label, 50, DateTimeOffset.UtcNow);

    /// <summary>A stream provider whose streams accept every event and deliver it nowhere.</summary>
    private sealed class SilentStreams : IStreamProvider
    {
        public string Name => "silent";

        public bool IsRewindable => false;

        public IAsyncStream<T> GetStream<T>(StreamId streamId) => DispatchProxy.Create<IAsyncStream<T>, AcceptEverything>();
    }

    /// <summary>Answers every call on a stream with a completed task (or the default value).</summary>
    public class AcceptEverything : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.ReturnType == typeof(Task) ? Task.CompletedTask : null;
    }
}
