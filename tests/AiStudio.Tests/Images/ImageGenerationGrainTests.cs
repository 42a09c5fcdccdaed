using AiStudio.Common;
using AiStudio.Images;
using AiStudio.Progress;
using AiStudio.Projects;
using AiStudio.Storage;
using AiStudio.Tests.Infrastructure;
using Npgsql;

namespace AiStudio.Tests.Images;

[Collection(ImageClusterCollection.Name)]
public sealed class ImageGenerationGrainTests(ImageClusterFixture cluster)
{
    [Fact]
    public async Task New_image_is_pending_then_completes_with_a_stored_result_and_the_model()
    {
        var project = await cluster.CreateProjectAsync();

        var created = await cluster.AddImageAsync(project.Id);
        var completed = await cluster.WaitForStatusAsync(created.Id, ImageStatus.Completed);

        Assert.Equal(ImageStatus.Pending, created.Status);
        Assert.Equal(1, created.Version);
        Assert.Null(created.ParentId);
        Assert.NotNull(completed.ResultImageKey);
        Assert.True(await cluster.Blobs.ExistsAsync(completed.ResultImageKey));
        Assert.False(string.IsNullOrEmpty(completed.Metadata?.Model));
        Assert.Null(completed.ErrorMessage);
    }

    [Fact]
    public async Task Processing_publishes_the_seed_steps_in_order_with_the_project_counts()
    {
        var project = await cluster.CreateProjectAsync();
        var image = await cluster.AddImageAsync(project.Id);
        await cluster.WaitForStatusAsync(image.Id, ImageStatus.Completed);

        var replay = await cluster.Client.GetGrain<IProjectGrain>(project.Id).GetProgressSinceAsync(0);
        var steps = replay!.Missed.Where(e => e.ImageId == image.Id).ToList();

        Assert.Equal(["fetching", "uploading", "processing", "saving", "completed"], steps.Select(e => e.Step));
        Assert.Equal([10, 25, 50, 80, 100], steps.Select(e => e.Progress ?? -1));
        Assert.True(steps.Zip(steps.Skip(1)).All(pair => pair.First.Sequence < pair.Second.Sequence));
        Assert.Equal("completed", steps[^1].ProjectStatus);
        Assert.Equal(1, steps[^1].CompletedCount);
        Assert.Equal("completed", replay.Current.Status);
        Assert.Equal(steps[^1].Sequence, replay.Current.Sequence);
    }

    [Fact]
    public async Task An_image_reads_completed_only_once_its_completed_event_is_in_the_progress_log()
    {
        var project = await cluster.CreateProjectAsync();
        // An uncommitted row under the completed event's sequence (after fetching, uploading, processing, saving) holds its append.
        await using var connection = new NpgsqlConnection(cluster.Database.ConnectionString);
        await connection.OpenAsync();
        await using var hold = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO aistudio_progress_event (stream_key, sequence, payload) VALUES (@key, 5, '{}')", connection, hold))
        {
            insert.Parameters.AddWithValue("key", $"{ProgressStreams.ProjectNamespace}/{project.Id}");
            await insert.ExecuteNonQueryAsync();
        }

        var image = await cluster.AddImageAsync(project.Id);
        await WaitUntil.ConditionAsync(
            async () => (await cluster.Database.QueryAsync<long>(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")).Single() > 0,
            "the project's append of the completed event waits on the held row");
        var whileAppending = await cluster.Client.GetGrain<IImageGenerationGrain>(image.Id).GetAsync();
        await hold.RollbackAsync();
        await cluster.WaitForStatusAsync(image.Id, ImageStatus.Completed);
        var replay = await cluster.Client.GetGrain<IProjectGrain>(project.Id).GetProgressSinceAsync(0);

        Assert.Equal(ImageStatus.Processing, whileAppending!.Status);
        Assert.Null(whileAppending.ResultImageKey);
        Assert.Equal(5, replay!.Missed.Single(e => e.ImageId == image.Id && e.Step == "completed").Sequence);
    }

    [Fact]
    public async Task Image_that_cannot_be_processed_fails_with_a_reason_and_the_project_counts_it()
    {
        var project = await cluster.CreateProjectAsync();

        var image = await cluster.AddUnprocessableImageAsync(project.Id);
        var failed = await cluster.WaitForStatusAsync(image.Id, ImageStatus.Failed);
        var counted = await cluster.Client.GetGrain<IProjectGrain>(project.Id).GetAsync();

        Assert.StartsWith("Processing failed", failed.ErrorMessage);
        Assert.Null(failed.ResultImageKey);
        Assert.Equal((ProjectStatus.Failed, 1, 0, 1), (counted!.Status, counted.ImageCount, counted.CompletedCount, counted.FailedCount));
    }

    [Fact]
    public async Task Retry_moves_a_failed_image_back_to_pending_and_processes_it_again()
    {
        var project = await cluster.CreateProjectAsync();
        var image = await cluster.AddUnprocessableImageAsync(project.Id);
        await cluster.WaitForStatusAsync(image.Id, ImageStatus.Failed);
        await cluster.Blobs.PutFileAsync(image.OriginalImageKey, await cluster.SampleJpegAsync());

        var retried = await cluster.Client.GetGrain<IImageGenerationGrain>(image.Id).RetryAsync();
        var completed = await cluster.WaitForStatusAsync(image.Id, ImageStatus.Completed);
        var counted = await cluster.Client.GetGrain<IProjectGrain>(project.Id).GetAsync();

        Assert.Equal(ImageStatus.Pending, retried.Status);
        Assert.Null(retried.ErrorMessage);
        Assert.NotNull(completed.ResultImageKey);
        Assert.Equal((ProjectStatus.Completed, 1, 1, 0), (counted!.Status, counted.ImageCount, counted.CompletedCount, counted.FailedCount));
    }

    [Fact]
    public async Task Retry_of_an_image_that_has_not_failed_is_rejected()
    {
        var project = await cluster.CreateProjectAsync();
        var image = await cluster.AddImageAsync(project.Id);
        await cluster.WaitForStatusAsync(image.Id, ImageStatus.Completed);

        await Assert.ThrowsAsync<TransitionRejectedException>(() => cluster.Client.GetGrain<IImageGenerationGrain>(image.Id).RetryAsync());
    }

    [Fact]
    public async Task Editing_a_failed_image_is_rejected_and_creates_nothing()
    {
        var project = await cluster.CreateProjectAsync();
        var image = await cluster.AddUnprocessableImageAsync(project.Id);
        await cluster.WaitForStatusAsync(image.Id, ImageStatus.Failed);
        var editId = EntityIds.NewImageId();

        await Assert.ThrowsAsync<TransitionRejectedException>(() =>
            cluster.Client.GetGrain<IImageGenerationGrain>(image.Id).CreateEditAsync(new ImageEdit(editId, ImageClusterFixture.User, "again", null, null)));

        Assert.Null(await cluster.Client.GetGrain<IImageGenerationGrain>(editId).GetAsync());
        Assert.Equal(1, (await cluster.Client.GetGrain<IProjectGrain>(project.Id).GetAsync())!.ImageCount);
    }

    [Fact]
    public async Task Remove_edits_create_the_next_versions_under_the_root_with_their_lineage()
    {
        var project = await cluster.CreateProjectAsync();
        var original = await cluster.AddImageAsync(project.Id);
        await cluster.WaitForStatusAsync(original.Id, ImageStatus.Completed);

        var second = await EditWithMaskAsync(original.Id, ImageEditModes.Remove);
        await cluster.WaitForStatusAsync(second.Id, ImageStatus.Completed);
        var third = await EditWithMaskAsync(second.Id, ImageEditModes.Remove);
        var thirdDone = await cluster.WaitForStatusAsync(third.Id, ImageStatus.Completed);
        var versions = await cluster.Client.GetGrain<IImageGenerationGrain>(third.Id).GetVersionsAsync();
        var counted = await cluster.Client.GetGrain<IProjectGrain>(project.Id).GetAsync();

        Assert.Equal((2, original.Id, original.Id, "remove"), (second.Version, second.ParentId, second.Metadata?.EditedFrom, second.Metadata?.EditMode));
        Assert.Equal((3, original.Id, second.Id), (third.Version, third.ParentId, third.Metadata?.EditedFrom));
        Assert.NotNull(third.Metadata?.EditedAt);
        Assert.False(string.IsNullOrEmpty(thirdDone.Metadata?.Model));
        Assert.Equal([original.Id, second.Id, third.Id], versions.Select(v => v.Id));
        Assert.Equal([1, 2, 3], versions.Select(v => v.Version));
        Assert.Equal((3, 3), (counted!.ImageCount, counted.CompletedCount));
    }

    [Fact]
    public async Task Add_edit_fails_because_the_local_provider_has_no_generative_model()
    {
        var project = await cluster.CreateProjectAsync();
        var original = await cluster.AddImageAsync(project.Id);
        await cluster.WaitForStatusAsync(original.Id, ImageStatus.Completed);

        var added = await EditWithMaskAsync(original.Id, ImageEditModes.Add);
        var failed = await cluster.WaitForStatusAsync(added.Id, ImageStatus.Failed);

        Assert.Contains("generative model", failed.ErrorMessage);
        Assert.Equal("add", failed.Metadata?.EditMode);
    }

    [Fact]
    public async Task A_run_the_grain_did_not_start_cannot_change_the_image()
    {
        var project = await cluster.CreateProjectAsync();
        var image = await cluster.AddImageAsync(project.Id);
        await cluster.WaitForStatusAsync(image.Id, ImageStatus.Completed);
        var processing = cluster.Client.GetGrain<IImageProcessing>(image.Id);

        var job = await processing.BeginProcessingAsync(Guid.NewGuid());
        await processing.FailAsync(Guid.NewGuid(), "a stale run failed");
        var after = await cluster.Client.GetGrain<IImageGenerationGrain>(image.Id).GetAsync();

        Assert.Null(job);
        Assert.Equal(ImageStatus.Completed, after!.Status);
        Assert.False(await processing.ReportStepAsync(Guid.NewGuid(), ImageStep.Saving));
    }

    [Fact]
    public async Task Counts_stay_exact_when_200_images_of_one_project_finish_at_once()
    {
        var project = await cluster.CreateProjectAsync();
        var creations = Enumerable.Range(0, 200)
            .Select(i => i % 20 == 0 ? cluster.AddUnprocessableImageAsync(project.Id) : cluster.AddImageAsync(project.Id));
        await Task.WhenAll(creations);
        var grain = cluster.Client.GetGrain<IProjectGrain>(project.Id);

        var done = await WaitUntil.ValueAsync(
            () => grain.GetAsync(),
            p => p!.CompletedCount + p.FailedCount == 200,
            "all 200 images are done",
            TimeSpan.FromMinutes(4));

        Assert.Equal((ProjectStatus.Failed, 200, 190, 10), (done!.Status, done.ImageCount, done.CompletedCount, done.FailedCount));
        Assert.Equal(200, (await grain.GetImageIdsAsync()).Distinct().Count());
    }

    private async Task<ImageGeneration> EditWithMaskAsync(string imageId, string editMode)
    {
        var editId = EntityIds.NewImageId();
        var maskKey = BlobKeys.ImageMask(ImageClusterFixture.Workspace, editId);
        var maskPath = Path.Combine(cluster.StorageRoot, $"{editId}-mask.png");
        await TestFfmpeg.RenderAsync("color=black:s=80x60,drawbox=x=20:y=15:w=30:h=20:color=white:t=fill", maskPath, "-c:v", "png", "-f", "image2");
        await cluster.Blobs.PutFileAsync(maskKey, maskPath);
        return await cluster.Client.GetGrain<IImageGenerationGrain>(imageId)
            .CreateEditAsync(new ImageEdit(editId, ImageClusterFixture.User, "remove the box", editMode, maskKey));
    }
}
