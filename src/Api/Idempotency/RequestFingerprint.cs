using System.Security.Cryptography;
using System.Text;
using AiStudio.Requests;

namespace AiStudio.Idempotency;

/// <summary>
/// What makes two requests "the same" for an Idempotency-Key: method, path and body. A multipart body is compared by
/// its fields and file contents, because clients pick a new boundary for every request.
/// </summary>
public static class RequestFingerprint
{
    public static async Task<string> ComputeAsync(HttpRequest request, long maxBodyBytes, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, request.Method.ToUpperInvariant());
        Append(hash, request.Path.Value ?? "");

        if (request.HasFormContentType)
        {
            var form = await FormReader.ReadAsync(request, cancellationToken);
            foreach (var field in form.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                Append(hash, "field:" + field.Key);
                foreach (var value in field.Value)
                {
                    Append(hash, value ?? "");
                }
            }

            foreach (var file in form.Files.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                Append(hash, "file:" + file.Name);
                await using var content = file.OpenReadStream();
                Append(hash, Convert.ToHexString(await SHA256.HashDataAsync(content, cancellationToken)));
            }
        }
        else
        {
            Append(hash, request.ContentType ?? "");
            hash.AppendData(await RequestBody.ReadAsync(request, maxBodyBytes, cancellationToken));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string value)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(value));
        hash.AppendData("\n"u8);
    }
}
