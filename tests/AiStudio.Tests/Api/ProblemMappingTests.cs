using AiStudio.Common;
using AiStudio.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AiStudio.Tests.Api;

public sealed class ProblemMappingTests
{
    [Fact]
    public void A_request_rejected_by_a_grain_is_400_naming_the_field()
    {
        var problem = Assert.IsType<HttpValidationProblemDetails>(
            ProblemExceptionHandler.ToProblem(new RequestRejectedException("maskDataUrl", "maskDataUrl is required")));

        Assert.Equal(StatusCodes.Status400BadRequest, problem.Status);
        Assert.Equal("maskDataUrl is required", problem.Detail);
        Assert.Equal(["maskDataUrl is required"], problem.Errors["maskDataUrl"]);
    }

    [Fact]
    public void A_transition_rejected_by_a_grain_is_409()
    {
        var problem = ProblemExceptionHandler.ToProblem(new TransitionRejectedException("Only a failed image can be retried."))!;

        Assert.Equal(StatusCodes.Status409Conflict, problem.Status);
        Assert.Equal("Only a failed image can be retried.", problem.Detail);
    }

    [Fact]
    public void An_unreachable_cluster_or_database_is_503()
    {
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, ProblemExceptionHandler.ToProblem(new SiloUnavailableException())!.Status);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, ProblemExceptionHandler.ToProblem(new TimeoutException())!.Status);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable,
            ProblemExceptionHandler.ToProblem(new OrleansException("wrapped", new Npgsql.NpgsqlException("down")))!.Status);
    }

    [Fact]
    public void An_unexpected_fault_is_left_to_the_default_500()
    {
        Assert.Null(ProblemExceptionHandler.ToProblem(new InvalidOperationException("bug")));
    }

    [Fact]
    public void Field_errors_are_collected_into_one_400()
    {
        var errors = new FieldErrors();
        errors.Add("prompt", "prompt is required.");
        errors.Add("editMode", "editMode must be \"remove\" or \"add\".");

        var problem = Assert.IsType<ApiProblemException>(Record.Exception(errors.ThrowIfAny));

        Assert.Equal(StatusCodes.Status400BadRequest, problem.Status);
        Assert.Equal(["prompt", "editMode"], problem.Errors!.Keys);
    }
}
