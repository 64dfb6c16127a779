using EnvioMassa.Data.Entities;
using EnvioMassa.Worker.Saga;
using MassTransit;

namespace EnvioMassa.Tests.Saga;

public class The_campaign_state_machine : CampanhaSagaSpec
{
    public static TheoryData<string> Statuses => [.. StatusCampanha.Todos];

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Should_have_a_state_for_every_status_column_value(string status)
    {
        var estado = Machine.GetState(CampanhaEstado.ParaEstado(status));

        Assert.Equal(status, CampanhaEstado.ParaStatus(estado.Name));
    }

    [Fact]
    public void Should_have_no_other_states_than_the_statuses_and_the_unused_initial_and_final()
    {
        var estados = Machine.States.Select(s => s.Name).Except([Machine.Initial.Name, Machine.Final.Name]);

        Assert.Equal(StatusCampanha.Todos.Order(), estados.Select(CampanhaEstado.ParaStatus).Order());
    }

    [Fact]
    public void Should_reject_a_status_that_is_not_a_campaign_status()
    {
        Assert.Throws<ArgumentException>(() => CampanhaEstado.ParaEstado("pendente"));
    }

    [Fact]
    public void Should_name_its_endpoint_with_the_kebab_case_formatter()
    {
        Assert.Equal("campanha-estado", KebabCaseEndpointNameFormatter.Instance.Saga<CampanhaEstado>());
    }
}
