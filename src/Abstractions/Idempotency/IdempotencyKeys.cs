using System.Security.Cryptography;
using System.Text;

namespace AiStudio.Idempotency;

public static class IdempotencyKeys
{
    /// <summary>The grain key of a client's key: hashed, so any header value makes a safe, bounded key.</summary>
    public static string GrainKey(string workspaceId, string idempotencyKey) =>
        workspaceId + "/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)));
}
