using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.IntegrationTests.Infrastructure;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Xunit.Abstractions;

namespace EnvioMassa.IntegrationTests.Pipeline;

/// <summary>
/// A tap on the sender's exchange copies every <see cref="EnviarMensagem"/> back into the sender's queue, so each one
/// is delivered twice: the row decides, and every recipient still gets exactly one send.
/// </summary>
public sealed class When_every_message_is_delivered_twice(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_still_send_each_recipient_once()
    {
        await using var env = await PipelineEnvironment.CreateAsync("dup");
        await env.StartWorkerAsync(output: output);
        var servers = await TestServers.GetAsync();

        var factory = new ConnectionFactory
        {
            Uri = servers.Rabbit,
            VirtualHost = env.VirtualHost,
        };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        // The worker declares the sender's exchange as it starts; declaring it here too (same shape) avoids a race.
        await channel.ExchangeDeclareAsync("enviar-mensagem", ExchangeType.Fanout, durable: true);
        await channel.QueueDeclareAsync("duplicador", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync("duplicador", "enviar-mensagem", "");
        var copias = 0;
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var properties = new BasicProperties(delivery.BasicProperties);
            // Straight into the sender's queue (default exchange), not back through the tapped exchange.
            await channel.BasicPublishAsync("", "enviar-mensagem", mandatory: true, properties, delivery.Body);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            Interlocked.Increment(ref copias);
        };
        await channel.BasicConsumeAsync("duplicador", autoAck: false, consumer);

        await env.Simulator.AddInstanceAsync("loja-dup");
        var loja = await env.Seed.InstanciaAsync("loja-dup");
        var campanha = await env.Seed.CampanhaAsync(loja, 12, 1);
        Assert.IsType<TransicaoAceita>(await env.IniciarAsync(campanha.Id));
        await env.WaitForStatusAsync(campanha.Id, StatusCampanha.Concluida, TimeSpan.FromSeconds(60));

        Assert.True(copias >= campanha.Telefones.Count, $"só {copias} mensagens foram duplicadas");
        output.WriteLine($"{copias} mensagens EnviarMensagem entregues duas vezes");
        var sends = await env.Simulator.SendsAsync();
        Assert.Equal(campanha.Telefones.Count, sends.Count);
        PipelineAssertions.ExactlyOneSendPerRecipient(sends, [campanha]);
        output.Log(PipelineAssertions.Pacing(sends, TimeSpan.FromSeconds(1)));
        var envios = await env.Seed.EnviosAsync(campanha.Id);
        Assert.All(envios, e => Assert.Equal(1, e.Tentativas));
        PipelineAssertions.CountersMatchRows(await env.Seed.CampanhaAsync(campanha.Id), envios);
    }
}
