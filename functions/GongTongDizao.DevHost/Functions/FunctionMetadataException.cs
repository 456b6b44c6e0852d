namespace GongTongDizao.DevHost.Functions;

/// <summary>The worker described a function this host cannot serve (a binding it cannot read, a setting it lacks).</summary>
public sealed class FunctionMetadataException : Exception
{
    public FunctionMetadataException()
    {
    }

    public FunctionMetadataException(string message)
        : base(message)
    {
    }

    public FunctionMetadataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
