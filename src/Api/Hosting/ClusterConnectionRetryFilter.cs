using Microsoft.Extensions.Options;

namespace AiStudio.Hosting;

/// <summary>Keeps trying to connect until a silo answers (or the API shuts down), so the API may start before the silos.</summary>
public sealed class ClusterConnectionRetryFilter(IOptions<ClusterConnectionOptions> options, ILogger<ClusterConnectionRetryFilter> logger)
    : IClientConnectionRetryFilter
{
    private int _attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        logger.Log(attempt % 10 == 1 ? LogLevel.Warning : LogLevel.Debug, exception,
            "Cluster not reachable (attempt {Attempt}); retrying in {Delay}", attempt, options.Value.ConnectRetryDelay);
        try
        {
            await Task.Delay(options.Value.ConnectRetryDelay, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
