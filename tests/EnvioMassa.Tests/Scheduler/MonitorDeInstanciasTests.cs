using EnvioMassa.Data.Entities;
using EnvioMassa.Evolution;
using EnvioMassa.Worker.Scheduler;

namespace EnvioMassa.Tests.Scheduler;

public class When_the_monitor_reads_an_instance_state
{
    static ConnectionStateResult Estado(InstanceConnectionState state) => new(state, 200, null);

    [Fact]
    public void Should_record_refused_and_pause_saying_the_qr_code_limit_was_reached()
    {
        Assert.Equal(EstadoInstancia.Refused, InstanceConnectionState.Refused.NomeNoEvolution());

        var motivo = MonitorDeInstancias.MotivoDaPausa("loja", Estado(InstanceConnectionState.Refused));

        Assert.NotNull(motivo);
        Assert.StartsWith("Pausada automaticamente: a instância loja não está conectada ao WhatsApp", motivo);
        Assert.Contains("limite de QR codes", motivo);
        Assert.Contains("'refused'", motivo);
    }

    [Theory]
    [InlineData(InstanceConnectionState.Close, "close")]
    [InlineData(InstanceConnectionState.Connecting, "connecting")]
    public void Should_record_and_pause_for_the_other_disconnected_states(InstanceConnectionState state, string estado)
    {
        Assert.Equal(estado, state.NomeNoEvolution());
        Assert.Contains($"'{estado}'", MonitorDeInstancias.MotivoDaPausa("loja", Estado(state)));
    }

    [Theory]
    [InlineData(InstanceConnectionState.Open)]
    [InlineData(InstanceConnectionState.Unreachable)]
    [InlineData(InstanceConnectionState.Unknown)]
    public void Should_not_pause_while_open_or_not_known(InstanceConnectionState state)
    {
        Assert.Null(MonitorDeInstancias.MotivoDaPausa("loja", Estado(state)));
    }
}
