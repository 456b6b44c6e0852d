namespace GongTongDizao.Core;

/// <summary>
/// Names of every database, container, queue and blob container. They must equal
/// <c>infra/data-plane.json</c>, which Bicep and the local provisioner read; a test keeps them equal.
/// </summary>
public static class StoreNames
{
    public const string Database = "gongtongdizao";

    public static class Containers
    {
        public const string Users = "users";
        public const string Orgs = "orgs";
        public const string Letters = "letters";
        public const string Topics = "topics";
        public const string Notifications = "notifications";
        public const string Events = "events";
        public const string Uploads = "uploads";
        public const string Dedupe = "dedupe";
        public const string Orders = "orders";
        public const string Teams = "teams";
        public const string Volunteers = "volunteers";
        public const string Settings = "settings";
        public const string Activities = "activities";
        public const string Rosters = "rosters";
        public const string Hours = "hours";
    }

    public static class Queues
    {
        public const string Events = "events";
        public const string Deliveries = "deliveries";
        public const string DeliveryBatches = "delivery-batches";
        public const string Timers = "timers";
    }

    public static class BlobContainers
    {
        public const string Attachments = "attachments";
    }
}
