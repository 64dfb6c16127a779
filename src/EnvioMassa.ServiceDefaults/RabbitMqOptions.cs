namespace EnvioMassa.ServiceDefaults;

public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";

    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "enviomassa";
    public string Password { get; set; } = "enviomassa";

    /// <summary>
    /// AMQP heartbeat. Short, so a connection that died without a goodbye is noticed in seconds (RabbitMQ.Client's own
    /// default of 60 s left a publish waiting for minutes after a broker restart).
    /// </summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a publish may wait for RabbitMQ's confirm before it is given up (ADR 0004): a scheduling step is then
    /// undone and retried, an event is left to the sweep.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public override string ToString() => $"amqp://{Username}:***@{Host}:{Port}/{VirtualHost}";
}
