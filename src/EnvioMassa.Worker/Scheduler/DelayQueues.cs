using System.Collections.Concurrent;
using EnvioMassa.ServiceDefaults;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace EnvioMassa.Worker.Scheduler;

/// <summary>
/// One classic delay queue per instance, fed with per-message TTLs and dead-lettering into the sender's exchange.
/// A message expires only at the head of its queue, so deadlines must only rise within a queue: per-instance slots do.
/// See docs/adr/0001-delayed-delivery.md.
/// </summary>
public sealed class DelayQueues(IOptions<RabbitMqOptions> options) : IAsyncDisposable
{
    /// <summary>The sender's endpoint (kebab-case name of <c>EnviarMensagemConsumer</c>).</summary>
    public const string SenderExchange = "enviar-mensagem";

    readonly ConcurrentDictionary<int, bool> _declared = new();
    readonly SemaphoreSlim _lock = new(1, 1);
    IConnection? _connection;

    public static string Name(int instanciaId) => $"enviar-mensagem-atraso-{instanciaId}";

    public static Uri Address(int instanciaId) => new($"exchange:{Name(instanciaId)}");

    /// <summary>Declares the delay queue of an instance (once per process) and the sender's exchange and queue it feeds.</summary>
    public async Task EnsureAsync(int instanciaId, CancellationToken ct)
    {
        if (_declared.ContainsKey(instanciaId))
            return;
        await _lock.WaitAsync(ct);
        try
        {
            if (_declared.ContainsKey(instanciaId))
                return;
            _connection ??= await CreateConnectionAsync(ct);
            await using var channel = await _connection.CreateChannelAsync(cancellationToken: ct);
            if (_declared.IsEmpty)
            {
                // Declared here too, so that a message expiring before any sender started is not dropped.
                await channel.ExchangeDeclareAsync(SenderExchange, ExchangeType.Fanout, durable: true, cancellationToken: ct);
                await channel.QueueDeclareAsync(SenderExchange, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
                await channel.QueueBindAsync(SenderExchange, SenderExchange, "", cancellationToken: ct);
            }

            var name = Name(instanciaId);
            await channel.ExchangeDeclareAsync(name, ExchangeType.Fanout, durable: true, cancellationToken: ct);
            await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?>
                {
                    ["x-queue-type"] = "classic",
                    ["x-dead-letter-exchange"] = SenderExchange,
                }, cancellationToken: ct);
            await channel.QueueBindAsync(name, name, "", cancellationToken: ct);
            _declared[instanciaId] = true;
        }
        catch
        {
            await ResetAsync();
            throw;
        }
        finally
        {
            _lock.Release();
        }
    }

    Task<IConnection> CreateConnectionAsync(CancellationToken ct)
    {
        var o = options.Value;
        var factory = new ConnectionFactory
        {
            HostName = o.Host,
            Port = o.Port,
            VirtualHost = o.VirtualHost,
            UserName = o.Username,
            Password = o.Password,
            RequestedHeartbeat = o.Heartbeat,
            ClientProvidedName = "enviomassa-scheduler-topology",
        };
        return factory.CreateConnectionAsync(ct);
    }

    async Task ResetAsync()
    {
        _declared.Clear();
        if (_connection is not null)
        {
            try { await _connection.DisposeAsync(); } catch (Exception) { /* already broken */ }
            _connection = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
    }
}
