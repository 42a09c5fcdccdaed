using System.ComponentModel.DataAnnotations;

namespace AiStudio.Hosting;

/// <summary>How the API reaches the cluster (configuration section <c>Cluster</c>).</summary>
public sealed class ClusterConnectionOptions
{
    public const string SectionName = "Cluster";

    [Required]
    public string ClusterId { get; set; } = "aistudio";

    [Required]
    public string ServiceId { get; set; } = "aistudio";

    /// <summary>A grain call unanswered after this fails, so requests answer 503 instead of hanging.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan GrainCallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the gateway list is re-read from the membership table, so new silos are found.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait between attempts to connect while no silo is reachable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ConnectRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
