using System.Net.Sockets;
using Npgsql;
using Orleans.Runtime;
using Orleans.Serialization;

namespace AiStudio.Problems;

/// <summary>Recognises failures that mean the cluster or its database cannot be reached right now (answered 503, worth retrying).</summary>
public static class ClusterUnavailability
{
    public static bool IsUnavailable(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is OrleansException or TimeoutException or NpgsqlException or SocketException)
            {
                return true;
            }

            // Before the client has reached a silo it knows no grain types, and the grain factory says so.
            if (current is ArgumentException && current.Source == "Orleans.Core")
            {
                return true;
            }

            // Exceptions from a silo whose type the client does not know arrive as a fallback naming the original type.
            if (current is UnavailableExceptionFallbackException fallback && NamesInfrastructureFailure(fallback.ExceptionType))
            {
                return true;
            }
        }

        return false;
    }

    private static bool NamesInfrastructureFailure(string? exceptionType) =>
        exceptionType is not null
        && (exceptionType.Contains("Npgsql", StringComparison.Ordinal)
            || exceptionType.Contains("Timeout", StringComparison.Ordinal)
            || exceptionType.Contains("Socket", StringComparison.Ordinal)
            || exceptionType.Contains("Orleans", StringComparison.Ordinal));
}
