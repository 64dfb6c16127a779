namespace EnvioMassa.ServiceDefaults;

public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";

    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "enviomassa";
    public string Password { get; set; } = "enviomassa";

    public override string ToString() => $"amqp://{Username}:***@{Host}:{Port}/{VirtualHost}";
}
