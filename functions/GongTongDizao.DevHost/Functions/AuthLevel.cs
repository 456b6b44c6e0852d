namespace GongTongDizao.DevHost.Functions;

/// <summary>The HTTP trigger's <c>authLevel</c>, as the Functions host reads it from the binding.</summary>
public enum AuthLevel
{
    Anonymous,
    User,
    Function,
    System,
    Admin,
}
