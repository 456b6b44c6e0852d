namespace GongTongDizao.DevHost.Metadata;

/// <summary>functions.metadata is missing, unreadable or names something that does not exist.</summary>
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
