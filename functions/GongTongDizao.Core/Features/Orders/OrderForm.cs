namespace GongTongDizao.Core.Features.Orders;

public sealed record OrderPlaceRequest(string OrgId, string Address);

public sealed record OrderContactRequest(string Name, string Phone);

/// <summary>What every order form asks for, whoever fills it in.</summary>
public interface IOrderForm
{
    string? Category { get; }

    string Title { get; }

    string Details { get; }

    OrderPlaceRequest Place { get; }

    DateTimeOffset? WantedFrom { get; }

    DateTimeOffset? WantedTo { get; }

    OrderContactRequest Contact { get; }
}

/// <summary>The rules of the order form, shared by the resident's and the staff member's (代点单) validators.</summary>
public abstract class OrderFormValidator<T> : AbstractValidator<T> where T : IOrderForm
{
    public const int MaxAttachments = 6;

    protected OrderFormValidator()
    {
        RuleFor(r => r.Category).NotEmpty().WithMessage("请选择服务类别").MaximumLength(OrderCategories.MaxCodeLength);
        RuleFor(r => r.Title).NotEmpty().Text(1, 30);
        RuleFor(r => r.Details).NotEmpty().Text(1, 500, multiline: true);
        RuleFor(r => r.Place).NotNull().WithMessage("请填写服务地点");
        RuleFor(r => r.Place.OrgId).NotEmpty().MaximumLength(32).When(r => r.Place is not null).OverridePropertyName("place.orgId");
        RuleFor(r => r.Place.Address).NotEmpty().Text(1, 100).When(r => r.Place is not null).OverridePropertyName("place.address");
        RuleFor(r => r.WantedFrom).NotNull().WithMessage("请选择期望服务时间");
        RuleFor(r => r.WantedTo).NotNull().WithMessage("请选择期望服务时间")
            .GreaterThan(r => r.WantedFrom).When(r => r.WantedFrom is not null).WithMessage("结束时间须晚于开始时间");
        RuleFor(r => r.Contact).NotNull().WithMessage("请填写联系方式");
        RuleFor(r => r.Contact.Name).NotEmpty().Text(1, 20).When(r => r.Contact is not null).OverridePropertyName("contact.name");
        RuleFor(r => r.Contact.Phone).NotEmpty().Matches(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$").WithMessage("请填写有效的手机号或座机号")
            .When(r => r.Contact is not null).OverridePropertyName("contact.phone");
    }
}
