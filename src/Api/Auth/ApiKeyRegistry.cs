using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace AiStudio.Auth;

/// <summary>
/// Finds the caller of a presented key. Only SHA-256 hashes of the keys are kept, and every registered hash is compared
/// in constant time, all of them on every lookup, so timing reveals neither a key nor which entry matched.
/// </summary>
public sealed class ApiKeyRegistry
{
    private readonly (byte[] Hash, Caller Caller)[] _entries;

    public ApiKeyRegistry(IOptions<ApiKeysOptions> options)
    {
        _entries = options.Value.Keys
            .Select(entry => (Hash(entry.Key), new Caller(entry.WorkspaceId, entry.UserId)))
            .ToArray();
    }

    public Caller? Find(string presentedKey)
    {
        var presented = Hash(presentedKey);
        Caller? match = null;
        foreach (var (hash, caller) in _entries)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, presented))
            {
                match = caller;
            }
        }

        return match;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
