using AiStudio.Auth;
using AiStudio.Common;
using AiStudio.Images;
using AiStudio.Media;
using AiStudio.Net;
using AiStudio.Problems;
using AiStudio.Storage;
using Microsoft.Extensions.Options;

namespace AiStudio.Videos;

/// <summary>
/// Checks a video project request field by field, then resolves every clip's source (an image of the workspace, or an
/// image fetched from its URL) and the background music, storing what was fetched under the project's folder.
/// Nothing is stored until every field is valid; whatever was stored is removed if a later step fails.
/// </summary>
public sealed class VideoProjectIntake(
    IClusterClient client,
    IBlobStore blobs,
    ImageIntake images,
    SafeHttpFetcher fetcher,
    IOptions<AiStudio.Auth.ApiKeysOptions> apiKeys)
{
    public const long MaxMusicBytes = 50 * 1024 * 1024;

    public async Task<NewVideoProject> ReadAsync(string videoProjectId, Caller caller, CreateVideoProjectRequest body, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var name = body.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add("name", VideoRequestRules.NameRequiredRule);
        }
        else if (name.Length > VideoRequestRules.MaxNameLength)
        {
            errors.Add("name", VideoRequestRules.NameLengthRule);
        }

        var clips = body.Clips ?? [];
        if (clips.Count > VideoRequestRules.MaxClips)
        {
            errors.Add("clips", VideoRequestRules.ClipCountRule);
        }

        var checkedClips = clips.Take(VideoRequestRules.MaxClips).Select((clip, index) => CheckClip(clip, $"clips[{index}]", errors)).ToList();
        var aspectRatio = body.AspectRatio ?? VideoAspectRatios.Default;
        if (!VideoAspectRatios.IsSupported(aspectRatio))
        {
            errors.Add("aspectRatio", VideoRequestRules.AspectRatioRule);
        }

        var musicUrl = CheckMusic(body.BackgroundMusic, errors, out var volume);
        var webhookUrl = body.WebhookUrl is null ? null : CheckHttpUrl(body.WebhookUrl, "webhookUrl", errors);
        errors.ThrowIfAny();

        try
        {
            var specs = new List<VideoClipSpec>();
            for (var index = 0; index < checkedClips.Count; index++)
            {
                specs.Add(await ResolveClipAsync(checkedClips[index]!, $"clips[{index}]", videoProjectId, index, caller, cancellationToken));
            }

            var music = musicUrl is null ? null : new BackgroundMusic(await StoreMusicAsync(musicUrl, caller, videoProjectId, cancellationToken), volume);
            return new NewVideoProject(
                caller.WorkspaceId, caller.UserId, name, specs, body.Transitions ?? false, music, body.AmbientAudio ?? false,
                aspectRatio, webhookUrl?.ToString(), WebhookSecretOf(caller.WorkspaceId));
        }
        catch
        {
            await blobs.DeletePrefixAsync(BlobKeys.VideoProjectFolder(caller.WorkspaceId, videoProjectId), CancellationToken.None);
            throw;
        }
    }

    private static CheckedClip? CheckClip(VideoClipRequest? clip, string field, FieldErrors errors)
    {
        if (clip is null)
        {
            errors.Add(field, "Each clip is an object with imageId or imageUrl, prompt and durationSeconds.");
            return null;
        }

        var prompt = clip.Prompt?.Trim() ?? "";
        if (prompt.Length == 0)
        {
            errors.Add($"{field}.prompt", "prompt is required.");
        }
        else if (prompt.Length > VideoRequestRules.MaxPromptLength)
        {
            errors.Add($"{field}.prompt", $"prompt must be at most {VideoRequestRules.MaxPromptLength} characters.");
        }

        var duration = clip.DurationSeconds ?? VideoRequestRules.DefaultClipDuration;
        if (!VideoRequestRules.IsClipDuration(duration))
        {
            errors.Add($"{field}.durationSeconds", VideoRequestRules.ClipDurationRule);
        }

        Uri? url = null;
        if ((clip.ImageId is null) == (clip.ImageUrl is null))
        {
            errors.Add(field, "Give exactly one of imageId and imageUrl.");
        }
        else if (clip.ImageId is not null && !EntityIds.IsWellFormed(clip.ImageId, EntityIds.ImagePrefix))
        {
            errors.Add($"{field}.imageId", "Image generation not found");
        }
        else if (clip.ImageUrl is not null)
        {
            url = CheckHttpUrl(clip.ImageUrl, $"{field}.imageUrl", errors);
        }

        return new CheckedClip(clip.ImageId, url, prompt, duration);
    }

    private static Uri? CheckMusic(BackgroundMusicRequest? music, FieldErrors errors, out double volume)
    {
        volume = music?.Volume ?? VideoRequestRules.DefaultMusicVolume;
        if (music is null)
        {
            return null;
        }

        if (!VideoRequestRules.IsMusicVolume(volume))
        {
            errors.Add("backgroundMusic.volume", VideoRequestRules.MusicVolumeRule);
        }

        if (music.Url is null)
        {
            errors.Add("backgroundMusic.url", "url is required.");
            return null;
        }

        return CheckHttpUrl(music.Url, "backgroundMusic.url", errors);
    }

    private static Uri? CheckHttpUrl(string value, string field, FieldErrors errors)
    {
        if (value.Length <= 2048
            && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return url;
        }

        errors.Add(field, $"{field} must be an absolute http or https URL.");
        return null;
    }

    private async Task<VideoClipSpec> ResolveClipAsync(
        CheckedClip clip, string field, string videoProjectId, int index, Caller caller, CancellationToken cancellationToken)
    {
        if (clip.ImageId is not null)
        {
            var image = await client.GetGrain<IImageGenerationGrain>(clip.ImageId).GetAsync();
            if (image is null || image.WorkspaceId != caller.WorkspaceId)
            {
                throw ApiProblemException.InvalidField($"{field}.imageId", "Image generation not found");
            }

            var versions = await client.GetGrain<IImageGenerationGrain>(clip.ImageId).GetVersionsAsync();
            var latest = versions.Where(version => version is { Status: ImageStatus.Completed, ResultImageKey: not null }).MaxBy(version => version.Version)
                ?? throw ApiProblemException.InvalidField($"{field}.imageId", "The image has no completed version yet.");
            return new VideoClipSpec(latest.ResultImageKey!, latest.Id, clip.Prompt, clip.DurationSeconds);
        }

        var (content, format) = await images.FetchImageAsync($"{field}.imageUrl", clip.ImageUrl!, cancellationToken);
        var key = BlobKeys.VideoSourceImage(caller.WorkspaceId, videoProjectId, index, format.Extension);
        await blobs.PutAsync(key, new MemoryStream(content), cancellationToken);
        return new VideoClipSpec(key, null, clip.Prompt, clip.DurationSeconds);
    }

    private async Task<string> StoreMusicAsync(Uri url, Caller caller, string videoProjectId, CancellationToken cancellationToken)
    {
        const string field = "backgroundMusic.url";
        byte[] content;
        try
        {
            content = (await fetcher.FetchAsync(url, MaxMusicBytes, cancellationToken)).Content;
        }
        catch (FetchRefusedException e)
        {
            throw ApiProblemException.InvalidField(field, $"The music URL cannot be fetched: {e.Message}");
        }
        catch (FetchFailedException e)
        {
            throw ApiProblemException.InvalidField(field, $"The music could not be fetched: {e.Message}");
        }

        var demuxer = AudioSniffer.Demuxer(content.AsSpan(0, Math.Min(content.Length, AudioSniffer.HeaderLength)))
            ?? throw ApiProblemException.InvalidField(field, "The music is not an MP3, AAC, M4A, WAV, FLAC or Ogg file.");
        var key = BlobKeys.Music(caller.WorkspaceId, videoProjectId, demuxer);
        await blobs.PutAsync(key, new MemoryStream(content), cancellationToken);
        return key;
    }

    private string? WebhookSecretOf(string workspaceId) =>
        apiKeys.Value.Keys.FirstOrDefault(entry => entry.WorkspaceId == workspaceId && !string.IsNullOrEmpty(entry.WebhookSecret))?.WebhookSecret;

    private sealed record CheckedClip(string? ImageId, Uri? ImageUrl, string Prompt, int DurationSeconds);
}
