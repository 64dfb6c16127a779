using System.Text.Json;
using EnvioMassa.Contracts;
using MassTransit.Serialization;

namespace EnvioMassa.Tests.Contracts;

/// <summary>Messages already queued by a version without the new fields are still read, with the old meaning.</summary>
public class When_a_message_from_before_automatic_resume_is_read
{
    static readonly Guid CorrelationId = CampanhaCorrelation.ParaGuid(42);

    [Fact]
    public void Should_read_a_pause_as_not_the_instances()
    {
        var pausa = JsonSerializer.Deserialize<PausarCampanha>(
            $$"""{"correlationId":"{{CorrelationId}}","campanhaId":42,"motivo":"Pedido do financeiro"}""",
            SystemTextJsonMessageSerializer.Options);

        Assert.Equal(new PausarCampanha(CorrelationId, 42, "Pedido do financeiro", PelaInstancia: false), pausa);
    }

    [Fact]
    public void Should_read_a_resume_as_the_operators()
    {
        var retomada = JsonSerializer.Deserialize<RetomarCampanha>(
            $$"""{"correlationId":"{{CorrelationId}}","campanhaId":42}""", SystemTextJsonMessageSerializer.Options);

        Assert.Equal(new RetomarCampanha(CorrelationId, 42, Automatica: false), retomada);
    }
}
