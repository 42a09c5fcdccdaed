namespace AiStudio.Media.Video;

/// <summary>The silo's FFmpeg job slots (<c>Media:MaxConcurrentJobs</c>), shared by clip rendering and compiling.</summary>
internal sealed class VideoJobSlots(int count) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(count, count);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
