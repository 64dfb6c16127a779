using EnvioMassa.Worker.Scheduler;
using static EnvioMassa.Worker.Scheduler.PlanoDeSlots;

namespace EnvioMassa.Tests.Scheduler;

public class When_the_scheduler_plans_the_slots_of_a_number
{
    static readonly DateTime Agora = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
    static readonly DateTime Primeiro = Agora.AddMilliseconds(150);

    /// <summary>Plans step after step as the scheduler would, the clock moving to each new slot, until no row is left.</summary>
    static List<Slot> PlanejarTudo(IReadOnlyList<(Ritmo Ritmo, int Prontas)> campanhas, Random aleatorio, TimeSpan lookAhead)
    {
        var estado = new EstadoDoNumero(null, 0, null);
        var restantes = campanhas.ToDictionary(c => c.Ritmo.CampanhaId, c => c.Prontas);
        var todos = new List<Slot>();
        var agora = Agora;
        for (var passo = 0; passo < 100_000 && restantes.Values.Any(r => r > 0); passo++)
        {
            var prontas = campanhas.Where(c => restantes[c.Ritmo.CampanhaId] > 0)
                .Select(c => (c.Ritmo, restantes[c.Ritmo.CampanhaId])).ToList();
            var (slots, novo) = Planejar(prontas, estado, agora.AddMilliseconds(150), agora + lookAhead, aleatorio);
            foreach (var s in slots)
                restantes[s.CampanhaId]--;
            todos.AddRange(slots);
            estado = novo;
            agora = estado.UltimoSlot ?? agora;
        }

        return todos;
    }

    [Fact]
    public void Should_give_a_small_campaign_every_other_slot_when_it_starts_after_a_big_one()
    {
        var grande = new Ritmo(1, 1, null, null, null);
        var pequena = new Ritmo(2, 1, null, null, null);
        // The big one already had the number's last slot; then the small one arrives.
        var estado = new EstadoDoNumero(Agora, 10, 1);

        var slots = new List<Slot>();
        var agora = Agora;
        for (var passo = 0; passo < 6; passo++)
        {
            var (plano, novo) = Planejar([(grande, 30), (pequena, 5)], estado, agora.AddMilliseconds(150), agora + TimeSpan.FromSeconds(2),
                new Random(1));
            slots.AddRange(plano);
            estado = novo;
            agora = novo.UltimoSlot!.Value;
        }

        Assert.Equal([2, 1, 2, 1, 2, 1], slots.Take(6).Select(s => s.CampanhaId));
    }

    [Fact]
    public void Should_start_the_next_step_with_the_campaign_after_the_last_served()
    {
        var (plano, estado) = Planejar([(new Ritmo(3, 1, null, null, null), 9), (new Ritmo(7, 1, null, null, null), 9), (new Ritmo(9, 1, null, null, null), 9)],
            new EstadoDoNumero(Agora, 0, 7), Primeiro, Agora.AddSeconds(2), new Random(1));

        Assert.Equal([9, 3], plano.Select(s => s.CampanhaId));
        Assert.Equal(3, estado.UltimaCampanhaId);
    }

    [Fact]
    public void Should_keep_every_gap_inside_the_range_and_spread_over_it()
    {
        var slots = PlanejarTudo([(new Ritmo(1, 5, 15, null, null), 2000)], new Random(42), TimeSpan.FromSeconds(5));

        var gaps = slots.Zip(slots.Skip(1), (a, b) => (b.Quando - a.Quando).TotalSeconds).ToList();
        Assert.Equal(1999, gaps.Count);
        Assert.All(gaps, g => Assert.InRange(g, 5, 15));
        Assert.InRange(gaps.Average(), 9.6, 10.4);
        // Roughly uniform: each 2 s bucket holds about a fifth.
        foreach (var inicio in new[] { 5, 7, 9, 11, 13 })
            Assert.InRange(gaps.Count(g => g >= inicio && g < inicio + 2), 320, 480);
    }

    [Fact]
    public void Should_never_hand_out_a_slot_once_the_previous_one_plus_the_minimum_is_past_the_horizon()
    {
        var (plano, _) = Planejar([(new Ritmo(1, 4, 20, null, null), 50)], new EstadoDoNumero(Agora.AddSeconds(2), 0, 1),
            Primeiro, Agora.AddSeconds(5), new Random(3));

        // 2 s + 4 s minimum > 5 s: nothing this step, so a gap is never drawn and then thrown away.
        Assert.Empty(plano);
    }

    [Fact]
    public void Should_pause_long_exactly_after_every_n_sends_of_the_number()
    {
        var slots = PlanejarTudo([(new Ritmo(1, 2, null, 5, 60), 23)], new Random(1), TimeSpan.FromSeconds(5));

        var gaps = slots.Zip(slots.Skip(1), (a, b) => (b.Quando - a.Quando).TotalSeconds).ToList();
        // Sends 1..5, pause, 6..10, pause, ...: the gaps before sends 6, 11, 16 and 21 are the long one.
        Assert.Equal(Enumerable.Range(0, 22).Select(i => (i + 1) % 5 == 0 ? 60.0 : 2.0), gaps);
        Assert.Equal([5, 10, 15, 20], slots.Select((s, i) => (s, i)).Where(x => x.s.AposPausaLonga).Select(x => x.i));
    }

    [Fact]
    public void Should_count_the_pause_over_every_campaign_of_the_number()
    {
        var slots = PlanejarTudo([(new Ritmo(1, 2, null, 4, 30), 6), (new Ritmo(2, 2, null, 4, 30), 6)], new Random(1), TimeSpan.FromSeconds(5));

        Assert.Equal([4, 8], slots.Select((s, i) => (s, i)).Where(x => x.s.AposPausaLonga).Select(x => x.i));
    }

    [Fact]
    public void Should_take_the_first_possible_slot_when_the_number_rested_longer_than_the_gap()
    {
        var (plano, _) = Planejar([(new Ritmo(1, 10, 30, null, null), 1)], new EstadoDoNumero(Agora.AddMinutes(-5), 3, 1),
            Primeiro, Agora.AddSeconds(5), new Random(1));

        Assert.Equal(Primeiro, Assert.Single(plano).Quando);
    }
}

public class When_the_number_caps_leave_few_slots
{
    static readonly DateTime Agora = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Should_hand_out_no_more_slots_than_the_caps_leave_over_every_campaign()
    {
        var (plano, _) = PlanoDeSlots.Planejar([(new PlanoDeSlots.Ritmo(1, 1, null, null, null), 9), (new PlanoDeSlots.Ritmo(2, 1, null, null, null), 9)],
            new PlanoDeSlots.EstadoDoNumero(null, 0, null), Agora, Agora.AddSeconds(10), new Random(1), vagas: 3);

        Assert.Equal([1, 2, 1], plano.Select(s => s.CampanhaId));
    }

    [Fact]
    public void Should_hand_out_nothing_when_no_room_is_left()
    {
        var (plano, estado) = PlanoDeSlots.Planejar([(new PlanoDeSlots.Ritmo(1, 1, null, null, null), 9)],
            new PlanoDeSlots.EstadoDoNumero(null, 4, 1), Agora, Agora.AddSeconds(10), new Random(1), vagas: 0);

        Assert.Empty(plano);
        Assert.Equal(new PlanoDeSlots.EstadoDoNumero(null, 4, 1), estado);
    }
}

public class When_a_row_gets_its_variation
{
    [Fact]
    public void Should_take_them_in_turn_by_row_id_when_alternada()
    {
        Assert.Equal([0, 1, 2, 0, 1], Enumerable.Range(30, 5).Select(id => EnvioMassa.Data.Dominio.ConfiguracaoDeCampanha.EscolherVariacao("alternada", id, 3, new Random(1))));
    }

    [Fact]
    public void Should_spread_them_evenly_at_random_when_aleatoria()
    {
        var aleatorio = new Random(7);
        var contagem = Enumerable.Range(0, 3000).Select(id => EnvioMassa.Data.Dominio.ConfiguracaoDeCampanha.EscolherVariacao("aleatoria", id, 3, aleatorio))
            .GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal([0, 1, 2], contagem.Keys.Order());
        Assert.All(contagem.Values, n => Assert.InRange(n, 900, 1100));
    }

    [Fact]
    public void Should_always_take_the_only_one()
    {
        Assert.Equal(0, EnvioMassa.Data.Dominio.ConfiguracaoDeCampanha.EscolherVariacao("aleatoria", 5, 1, new Random(1)));
    }
}
