using System.Net;
using System.Text.Json;

namespace AiStudio.Tests.Api;

/// <summary>Checks that an answer is an RFC 9457 problem with the expected status, and returns its JSON.</summary>
public static class ProblemAssertions
{
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        return problem;
    }

    /// <summary>The messages of <c>errors[field]</c>; fails when the field is not named.</summary>
    public static IReadOnlyList<string> FieldErrors(JsonElement problem, string field)
    {
        Assert.True(problem.TryGetProperty("errors", out var errors), $"No errors in {problem}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"No errors[{field}] in {problem}");
        return messages.EnumerateArray().Select(message => message.GetString()!).ToList();
    }
}
