using BenchmarkDotNet.Attributes;
using GongTongDizao.Core.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.Benchmarks;

/// <summary>Every authenticated request validates its bearer token before anything else.</summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private ServiceProvider _services = null!;
    private TokenService _tokens = null!;
    private string _token = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = CoreServices.Create();
        _tokens = _services.GetRequiredService<TokenService>();
        _token = _tokens.Issue("u-5k2m8q1x7z3c9v4b").Token;
        if (_tokens.ValidateAsync(_token).GetAwaiter().GetResult() != "u-5k2m8q1x7z3c9v4b")
        {
            throw new InvalidOperationException("The token our own issuer made does not validate.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Description = "JWT: validate our own token")]
    public Task<string?> ValidateToken() => _tokens.ValidateAsync(_token);

    [Benchmark(Description = "JWT: issue a token")]
    public string IssueToken() => _tokens.Issue("u-5k2m8q1x7z3c9v4b").Token;
}
