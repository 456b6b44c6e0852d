namespace GongTongDizao.Core.ContentSafety;

/// <summary>What to do with submitted text: publish it, hold it for a moderator, or refuse it (nothing stored).</summary>
public enum ContentVerdict
{
    Publish,
    Hold,
    Reject,
}
