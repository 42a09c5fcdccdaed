using AiStudio.Providers;

namespace AiStudio.Videos.Providers;

/// <summary>A video model behind a remote asynchronous job API: clips animated from an image, and transitions between two clips.</summary>
public interface IVideoProvider : IAsyncJobProvider<VideoJobRequest>;
