namespace GongTongDizao.Core.Tests.Handlers;

/// <summary>A handler test: a fresh <see cref="HandlerScope"/> and a fresh org tree for every test method.</summary>
public abstract class HandlerTest(HandlerFixture fixture) : IAsyncLifetime
{
    protected HandlerScope Scope => Current ?? throw new InvalidOperationException("The test has not been initialised.");

    protected HandlerScope.Tree Tree { get; private set; } = null!;

    // A property, not a field: xUnit disposes it through IAsyncLifetime, which CA1001 does not know about.
    private HandlerScope? Current { get; set; }

    public async Task InitializeAsync()
    {
        Current = new HandlerScope(fixture);
        Tree = await Current.NewTreeAsync();
    }

    public async Task DisposeAsync()
    {
        if (Current is not null)
        {
            await Current.DisposeAsync();
        }
    }
}
