using BenchmarkDotNet.Attributes;
using FluentValidation;
using FluentValidation.Results;
using GongTongDizao.Core.Features.Letters;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.Benchmarks;

/// <summary>The body of POST /letters, validated as Api.AuthenticatedAsync does (the validator from DI).</summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private ServiceProvider _services = null!;
    private IValidator<SubmitLetterRequest> _validator = null!;
    private SubmitLetterRequest _valid = null!;
    private SubmitLetterRequest _invalid = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = CoreServices.Create();
        _validator = _services.GetRequiredService<IValidator<SubmitLetterRequest>>();
        _valid = SampleData.ValidRequest();
        _invalid = SampleData.InvalidRequest();
        if (!_validator.Validate(_valid).IsValid || _validator.Validate(_invalid).Errors.Count < 3)
        {
            throw new InvalidOperationException("The sample requests do not validate as expected.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Description = "Validate SubmitLetter: valid")]
    public Task<ValidationResult> ValidRequest() => _validator.ValidateAsync(_valid);

    [Benchmark(Description = "Validate SubmitLetter: 3 errors")]
    public Task<ValidationResult> InvalidRequest() => _validator.ValidateAsync(_invalid);
}
