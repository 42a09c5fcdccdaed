namespace AiStudio.Videos;

/// <summary>
/// A video project's scheduling rules: what its clips' reports change, which segments may start (in sequence order, at
/// most <c>maxInFlight</c> generating at once, a transition only once both its neighbours completed, none after a
/// clip of the run failed), and when the run is over (failed once nothing is in flight, or ready to compile).
/// </summary>
public static class ClipScheduler
{
    /// <summary>A retry is a new run that regenerates only what is not completed; clips report the run they worked for.</summary>
    public static void BeginRetry(VideoProjectState project)
    {
        project.Run++;
        project.RunFailure = null;
        foreach (var segment in project.Segments.Where(segment => segment.Status != ClipStatus.Completed))
        {
            segment.Status = ClipStatus.Pending;
            segment.ErrorMessage = null;
        }
    }

    public static int InFlight(VideoProjectState project) => project.Segments.Count(segment => segment.Status == ClipStatus.Generating);

    /// <summary>A clip of this run failed and the clips in flight have ended: the run fails with the first error.</summary>
    public static bool RunHasFailed(VideoProjectState project) => project.RunFailure is not null && InFlight(project) == 0;

    public static bool IsReadyToCompile(VideoProjectState project) =>
        project.RunFailure is null && project.Segments.All(segment => segment.Status == ClipStatus.Completed);

    /// <summary>The segments to start now, in sequence order; none once a clip of the run failed.</summary>
    public static List<VideoSegment> NextToStart(VideoProjectState project, int maxInFlight)
    {
        if (project.RunFailure is not null)
        {
            return [];
        }

        return project.Segments
            .Where(segment => IsStartable(project, segment))
            .OrderBy(segment => segment.SequenceOrder)
            .Take(Math.Max(0, maxInFlight - InFlight(project)))
            .ToList();
    }

    /// <summary>A clip the project believes generating must be started again when its start was lost, or when it last worked for an earlier run.</summary>
    public static bool NeedsStart(VideoProjectState project, ClipReport report) =>
        report.View.Status == ClipStatus.Pending || (report.View.Status == ClipStatus.Failed && report.Run < project.Run);

    /// <summary>Takes in a clip's report; false when it tells nothing new (or is stale: a failure from an earlier run).</summary>
    public static bool Apply(VideoProjectState project, ClipReport report, out VideoSegment? segment)
    {
        segment = project.Segments.Find(candidate => candidate.ClipId == report.View.Id);
        if (segment is null)
        {
            return false;
        }

        switch (report.View.Status)
        {
            case ClipStatus.Completed when segment.Status != ClipStatus.Completed:
                segment.Status = ClipStatus.Completed;
                segment.ClipKey = report.View.ClipKey;
                segment.ErrorMessage = null;
                return true;
            case ClipStatus.Failed when report.Run == project.Run && segment.Status == ClipStatus.Generating:
                segment.Status = ClipStatus.Failed;
                segment.ErrorMessage = report.View.ErrorMessage;
                if (project.Status == VideoProjectStatus.Generating)
                {
                    project.RunFailure ??= report.View.ErrorMessage ?? "Clip generation failed";
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>Takes in every report; true when any told something new.</summary>
    public static bool ApplyAll(VideoProjectState project, IEnumerable<ClipReport> reports)
    {
        var changed = false;
        foreach (var report in reports)
        {
            changed |= Apply(project, report, out _);
        }

        return changed;
    }

    private static bool IsStartable(VideoProjectState project, VideoSegment segment)
    {
        if (segment.Status != ClipStatus.Pending)
        {
            return false;
        }

        if (segment.Kind == ClipKind.Clip)
        {
            return true;
        }

        var index = project.Segments.IndexOf(segment);
        return project.Segments[index - 1].Status == ClipStatus.Completed && project.Segments[index + 1].Status == ClipStatus.Completed;
    }
}
