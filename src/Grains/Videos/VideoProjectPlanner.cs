using AiStudio.Common;
using AiStudio.Media.Video;
using AiStudio.Storage;

namespace AiStudio.Videos;

/// <summary>
/// What a video project is made of and what each part is told: its segments, the setup of each clip, the soundtrack's
/// plan and the compile's job. The one place that knows where a project's clips and final video are stored.
/// </summary>
public static class VideoProjectPlanner
{
    /// <summary>A draft from a validated request, priced from the table as it is now.</summary>
    public static VideoProjectState NewProject(NewVideoProject request, VideoPricingOptions prices, DateTimeOffset now)
    {
        var project = new VideoProjectState
        {
            Exists = true,
            WorkspaceId = request.WorkspaceId,
            UserId = request.UserId,
            Name = request.Name,
            Status = VideoProjectStatus.Draft,
            Segments = Plan(request, prices),
            BackgroundMusic = request.BackgroundMusic,
            AmbientAudio = request.AmbientAudio,
            AspectRatio = request.AspectRatio,
            WebhookUrl = request.WebhookUrl,
            WebhookSecret = request.WebhookSecret,
            CompilePriceCents = prices.CompilePrice(request.AmbientAudio),
            CreatedAt = now,
            UpdatedAt = now,
        };
        project.EstimatedCost = VideoCostCalculator.Estimated(project);
        return project;
    }

    /// <summary>Clips in the requested order; with transitions on, a transition between every two neighbours; each priced from the table.</summary>
    public static List<VideoSegment> Plan(NewVideoProject request, VideoPricingOptions prices)
    {
        var segments = new List<VideoSegment>();
        for (var i = 0; i < request.Clips.Count; i++)
        {
            if (i > 0 && request.Transitions)
            {
                segments.Add(new VideoSegment
                {
                    ClipId = EntityIds.NewClipId(),
                    SequenceOrder = segments.Count,
                    Kind = ClipKind.Transition,
                    PriceCents = prices.PriceOf(ClipKind.Transition, 0),
                });
            }

            var clip = request.Clips[i];
            segments.Add(new VideoSegment
            {
                ClipId = EntityIds.NewClipId(),
                SequenceOrder = segments.Count,
                Kind = ClipKind.Clip,
                SourceImageKey = clip.SourceImageKey,
                Prompt = clip.Prompt,
                DurationSeconds = clip.DurationSeconds,
                PriceCents = prices.PriceOf(ClipKind.Clip, clip.DurationSeconds),
            });
        }

        return segments;
    }

    /// <summary>What the segment's clip grain is created with; a transition blends the files of its two neighbours.</summary>
    public static VideoClipSetup SetupOf(string videoProjectId, VideoProjectState project, VideoSegment segment)
    {
        string? fromKey = null, toKey = null;
        if (segment.Kind == ClipKind.Transition)
        {
            var index = project.Segments.IndexOf(segment);
            fromKey = BlobKeys.Clip(project.WorkspaceId, videoProjectId, project.Segments[index - 1].ClipId);
            toKey = BlobKeys.Clip(project.WorkspaceId, videoProjectId, project.Segments[index + 1].ClipId);
        }

        return new VideoClipSetup(
            videoProjectId,
            project.WorkspaceId,
            segment.Kind,
            segment.SequenceOrder,
            segment.SourceImageKey,
            segment.Prompt,
            segment.DurationSeconds,
            project.AspectRatio,
            fromKey,
            toKey,
            BlobKeys.Clip(project.WorkspaceId, videoProjectId, segment.ClipId));
    }

    /// <summary>The soundtrack, known before any clip exists: clips last what they were asked for, each transition the profile's fixed length.</summary>
    public static SoundtrackPlan SoundtrackOf(VideoProjectState project) => new(
        project.BackgroundMusic,
        project.AmbientAudio,
        project.Segments.Sum(segment => segment.Kind == ClipKind.Transition ? VideoEncodingProfile.TransitionSeconds : segment.DurationSeconds));

    /// <summary>The compile of a project whose segments all completed: their files in sequence order, joined and published.</summary>
    public static VideoCompileJob CompileJobOf(string videoProjectId, VideoProjectState project) => new(
        videoProjectId,
        project.Segments.OrderBy(segment => segment.SequenceOrder).Select(segment => segment.ClipKey!).ToList(),
        project.BackgroundMusic,
        project.AmbientAudio,
        project.AspectRatio,
        BlobKeys.FinalVideo(project.WorkspaceId, videoProjectId),
        BlobKeys.Thumbnail(project.WorkspaceId, videoProjectId),
        project.Soundtrack);
}
