namespace GongTongDizao.Core.Features.Orders;

/// <summary>An order's contact details as the requester's reader and export show them (the phone in clear).</summary>
public sealed record OrderContactView(string Name, string Phone);

/// <summary>
/// The contact phone an order stores is personal data like the account's phone: sealed at rest with the same
/// <see cref="FieldProtector"/> and opened only for the views that show it (the requester, the serving team, the
/// requester's export).
/// </summary>
public sealed class OrderContactSeal(FieldProtector protector)
{
    public OrderContact Seal(string name, string phone) => new(name, protector.Protect(phone));

    /// <summary>Opens a sealed phone; a plain marker (the "-" deletion leaves) is shown as it is.</summary>
    public OrderContactView Reveal(OrderContact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return new OrderContactView(contact.Name, FieldProtector.IsProtected(contact.PhoneProtected) ? protector.Unprotect(contact.PhoneProtected) : contact.PhoneProtected);
    }
}
