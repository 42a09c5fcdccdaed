using AiStudio.Problems;
using AiStudio.Requests;

namespace AiStudio.Tests.Api;

public sealed class PageRequestTests
{
    [Fact]
    public void A_list_without_a_limit_pages_by_50()
    {
        Assert.Equal(new PageRequest(null, 50), PageRequest.Parse(null, null));
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("200", 200)]
    public void A_limit_from_1_to_200_is_taken_as_given(string limit, int expected)
    {
        Assert.Equal(expected, PageRequest.Parse("42", limit).Limit);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    [InlineData("1e2")]
    public void A_limit_outside_1_to_200_is_refused(string limit)
    {
        Assert.Throws<ApiProblemException>(() => PageRequest.Parse(null, limit));
    }
}
