using Microsoft.Extensions.Logging;

namespace AiStudio.Videos;

/// <summary>
/// A video project's calls to its clip grains, made from the project's turn. A clip that cannot be reached is logged
/// and left out of the answer: the project's reminder asks it again, so one unreachable clip never fails the project.
/// </summary>
public sealed class VideoProjectClips(IGrainFactory grains, ILogger logger, string videoProjectId)
{
    /// <summary>Creates every clip as pending; repeating it changes nothing.</summary>
    public Task InitializeAsync(VideoProjectState project) =>
        Task.WhenAll(project.Segments.Select(segment => Clip(segment).InitializeAsync(VideoProjectPlanner.SetupOf(videoProjectId, project, segment))));

    /// <summary>Every segment in sequence order, as its clip tells it or, when the clip cannot tell, as the project last heard.</summary>
    public async Task<IReadOnlyList<VideoClipView>> ViewsAsync(VideoProjectState project)
    {
        var segments = project.Segments.ToList();
        var reports = await Task.WhenAll(segments.Select(segment => Clip(segment).GetReportAsync()));
        return segments
            .Select((segment, index) => reports[index]?.View ?? VideoProjectViews.ViewOf(segment))
            .OrderBy(view => view.SequenceOrder)
            .ToList();
    }

    public Task<List<ClipReport>> StartAsync(IEnumerable<VideoSegment> segments, int run) =>
        EachAsync(segments, "Starting", async clip => await clip.StartAsync(run));

    /// <summary>Reads every clip the project believes is generating, and starts again one whose start was lost or that worked for an earlier run.</summary>
    public Task<List<ClipReport>> ReconcileAsync(VideoProjectState project) =>
        EachAsync(Generating(project), "Reconciling", async (clip, segment) =>
        {
            var report = await clip.GetReportAsync() ?? await clip.InitializeAsync(VideoProjectPlanner.SetupOf(videoProjectId, project, segment));
            return ClipScheduler.NeedsStart(project, report) ? await clip.StartAsync(project.Run) : report;
        });

    /// <summary>Tells every clip still generating to stop with <paramref name="reason"/>.</summary>
    public Task<List<ClipReport>> StopAsync(VideoProjectState project, string reason) =>
        EachAsync(Generating(project), "Stopping", clip => clip.StopAsync(reason));

    public Task DeleteAsync(VideoProjectState project) => Task.WhenAll(project.Segments.Select(segment => Clip(segment).DeleteAsync()));

    private static IEnumerable<VideoSegment> Generating(VideoProjectState project) =>
        project.Segments.Where(segment => segment.Status == ClipStatus.Generating).ToList();

    private Task<List<ClipReport>> EachAsync(IEnumerable<VideoSegment> segments, string action, Func<IVideoClipGrain, Task<ClipReport?>> call) =>
        EachAsync(segments, action, (clip, _) => call(clip));

    private async Task<List<ClipReport>> EachAsync(
        IEnumerable<VideoSegment> segments, string action, Func<IVideoClipGrain, VideoSegment, Task<ClipReport?>> call)
    {
        var reports = await Task.WhenAll(segments.Select(async segment =>
        {
            try
            {
                return await call(Clip(segment), segment);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "{Action} clip {ClipId} of video project {VideoProjectId} failed; its reminder tries again", action, segment.ClipId, videoProjectId);
                return null;
            }
        }));
        return reports.OfType<ClipReport>().ToList();
    }

    private IVideoClipGrain Clip(VideoSegment segment) => grains.GetGrain<IVideoClipGrain>(segment.ClipId);
}
