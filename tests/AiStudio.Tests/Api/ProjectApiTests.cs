using System.Net;
using System.Text.Json;

namespace AiStudio.Tests.Api;

[Collection(ApiClusterCollection.Name)]
public sealed class ProjectApiTests(ApiClusterFixture fixture)
{
    private readonly ApiCalls _api = new(fixture);

    [Fact]
    public async Task Creating_a_project_answers_201_with_the_full_project_and_its_location()
    {
        var response = await fixture.Http.PostAsync("/v1/projects", ApiCalls.Json(new { name = "  Holiday photos  " }));
        var project = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Created);

        var id = project.GetProperty("id").GetString()!;
        Assert.StartsWith("prj_", id);
        Assert.Equal($"/v1/projects/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Holiday photos", project.GetProperty("name").GetString());
        Assert.Equal("pending", project.GetProperty("status").GetString());
        Assert.Equal(0, project.GetProperty("imageCount").GetInt32());
        Assert.Equal(0, project.GetProperty("completedCount").GetInt32());
        Assert.Equal(0, project.GetProperty("failedCount").GetInt32());
        Assert.EndsWith("Z", project.GetProperty("createdAt").GetString());
        Assert.EndsWith("Z", project.GetProperty("updatedAt").GetString());
        Assert.Equal(project.GetRawText(), (await _api.GetAsync($"/v1/projects/{id}")).GetRawText());
    }

    [Fact]
    public async Task Projects_are_listed_newest_first_page_by_page()
    {
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(await _api.CreateProjectAsync($"Listed {i}"));
        }

        var first = await _api.GetAsync("/v1/projects?limit=2");
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await _api.GetAsync($"/v1/projects?limit=2&cursor={cursor}");

        Assert.Equal([created[2], created[1]], Ids(first));
        Assert.Equal(created[0], Ids(second)[0]);
        Assert.True(first.GetProperty("items")[0].TryGetProperty("failedCount", out _));
    }

    [Fact]
    public async Task A_listing_ends_with_a_null_cursor()
    {
        var all = await _api.GetAsync("/v1/projects?limit=100");
        Assert.Equal(JsonValueKind.Null, all.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task A_cursor_the_api_did_not_give_is_400()
    {
        var problem = await ProblemAssertions.AssertProblemAsync(await fixture.Http.GetAsync("/v1/projects?cursor=abc"), HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssertions.FieldErrors(problem, "cursor"));
    }

    [Fact]
    public async Task Another_workspace_neither_sees_nor_lists_the_project()
    {
        var id = await _api.CreateProjectAsync("Private");

        var foreign = await ProblemAssertions.AssertProblemAsync(await fixture.OtherHttp.GetAsync($"/v1/projects/{id}"), HttpStatusCode.NotFound);
        var missing = await ProblemAssertions.AssertProblemAsync(await fixture.OtherHttp.GetAsync("/v1/projects/prj_doesnotexist"), HttpStatusCode.NotFound);
        var listed = await _api.GetAsync("/v1/projects?limit=100", fixture.OtherHttp);

        Assert.Equal(missing.GetProperty("detail").GetString(), foreign.GetProperty("detail").GetString());
        Assert.DoesNotContain(id, Ids(listed));
        await ProblemAssertions.AssertProblemAsync(await fixture.OtherHttp.GetAsync($"/v1/projects/{id}/images"), HttpStatusCode.NotFound);
        await ProblemAssertions.AssertProblemAsync(await fixture.OtherHttp.GetAsync($"/v1/projects/{id}/events"), HttpStatusCode.NotFound);
        await ProblemAssertions.AssertProblemAsync(
            await fixture.OtherHttp.PostAsync($"/v1/projects/{id}/images", ApiCalls.Upload(TestImages.Png(8, 8), "x")), HttpStatusCode.NotFound);
    }

    private static List<string> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!).ToList();
}
