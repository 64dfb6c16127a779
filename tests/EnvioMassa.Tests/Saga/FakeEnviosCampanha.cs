using System.Collections.Concurrent;
using EnvioMassa.Worker.Saga;

namespace EnvioMassa.Tests.Saga;

/// <summary>Records what the saga asked of the detail rows; <see cref="TodosFinais"/> says what the check answers.</summary>
public sealed class FakeEnviosCampanha : IEnviosCampanha
{
    public ConcurrentQueue<(string Acao, int CampanhaId)> Chamadas { get; } = new();
    public bool TodosFinais { get; set; } = true;

    public Task<int> DevolverAgendadosAsync(int campanhaId, CancellationToken cancellationToken)
    {
        Chamadas.Enqueue((nameof(DevolverAgendadosAsync), campanhaId));
        return Task.FromResult(3);
    }

    public Task<int> CancelarNaoEnviadosAsync(int campanhaId, CancellationToken cancellationToken)
    {
        Chamadas.Enqueue((nameof(CancelarNaoEnviadosAsync), campanhaId));
        return Task.FromResult(5);
    }

    public Task<bool> TodosFinaisAsync(int campanhaId, CancellationToken cancellationToken)
    {
        Chamadas.Enqueue((nameof(TodosFinaisAsync), campanhaId));
        return Task.FromResult(TodosFinais);
    }

    public IEnumerable<string> Acoes => Chamadas.Select(c => c.Acao);
}
