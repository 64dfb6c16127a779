namespace EnvioMassa.Worker.Scheduler;

/// <summary>
/// Decides the next slots of one WhatsApp number across every campaign sending through it: whose turn it is, and how
/// long the gap before each send is. Pure: the scheduler reads the number's state under its row lock, asks for a
/// plan, and stores the state the plan ends in, so every replica continues the same sequence.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>Fair turns.</b> The campaigns take one slot each in id order, starting with the one after the campaign
/// that got the number's previous slot (<see cref="EstadoDoNumero.UltimaCampanhaId"/>), so a small campaign started
/// after a big one gets every other slot instead of waiting for the big one to finish.</item>
/// <item><b>Random gaps.</b> Each gap is drawn once, uniformly in [min, max] of the campaign whose send it precedes,
/// at millisecond resolution. It is drawn when the previous slot is within the look-ahead, and kept (the slot is
/// stored), so a gap is never drawn again and shortened by a later tick.</item>
/// <item><b>Long pause.</b> After every <c>N</c> slots of the number (counted over all its campaigns) the next gap is
/// the long one of the campaign whose send follows, when that campaign asks for one.</item>
/// <item><b>Sending window.</b> A campaign whose window closes gets no slot later than
/// <see cref="AntesDoFechamento"/> before the close, so its last send leaves inside the window.</item>
/// </list>
/// </remarks>
public static class PlanoDeSlots
{
    public static readonly TimeSpan AntesDoFechamento = TimeSpan.FromSeconds(1);

    /// <param name="FechaEm">When the campaign's sending window closes (UTC), or null when it has none.</param>
    public sealed record Ritmo(int CampanhaId, int IntervaloMinSegundos, int? IntervaloMaxSegundos, int? PausaLongaACada, int? PausaLongaSegundos,
        DateTime? FechaEm = null)
    {
        public TimeSpan Minimo => TimeSpan.FromSeconds(IntervaloMinSegundos);
    }

    /// <param name="UltimoSlot">The number's latest slot handed out, or null if it never had one.</param>
    /// <param name="EnviosDesdePausa">Slots handed out since the number's last long pause.</param>
    public sealed record EstadoDoNumero(DateTime? UltimoSlot, int EnviosDesdePausa, int? UltimaCampanhaId);

    public sealed record Slot(int CampanhaId, int Indice, DateTime Quando, bool AposPausaLonga);

    /// <param name="campanhas">Each campaign's pace and how many rows it has ready, in id order.</param>
    /// <param name="primeiroPossivel">The earliest a slot may be (now plus the scheduler's lead).</param>
    /// <param name="horizonte">A slot is handed out only while the previous one plus the minimum gap is within this.</param>
    /// <param name="vagas">At most this many slots (what the number's caps leave); null = no cap.</param>
    /// <returns>The slots in time order (<see cref="Slot.Indice"/> is the n-th ready row of its campaign) and the number's new state.</returns>
    public static (IReadOnlyList<Slot> Slots, EstadoDoNumero Estado) Planejar(
        IReadOnlyList<(Ritmo Ritmo, int Prontas)> campanhas, EstadoDoNumero estado, DateTime primeiroPossivel, DateTime horizonte,
        Random aleatorio, int? vagas = null)
    {
        var ordem = campanhas.OrderBy(c => c.Ritmo.CampanhaId).ToList();
        var inicio = ordem.FindIndex(c => c.Ritmo.CampanhaId > (estado.UltimaCampanhaId ?? int.MinValue));
        if (inicio > 0)
            ordem = [.. ordem.Skip(inicio), .. ordem.Take(inicio)];

        var usadas = new int[ordem.Count];
        var slots = new List<Slot>();
        var (ultimo, desdePausa, ultimaCampanha) = (estado.UltimoSlot, estado.EnviosDesdePausa, estado.UltimaCampanhaId);
        var cheia = vagas <= 0;
        while (!cheia)
        {
            var progrediu = false;
            for (var i = 0; i < ordem.Count && !cheia; i++)
            {
                var (ritmo, prontas) = ordem[i];
                if (usadas[i] == prontas)
                    continue;
                if (ultimo is { } anterior && anterior + ritmo.Minimo > horizonte)
                {
                    cheia = true;
                    break;
                }

                var pausa = ritmo.PausaLongaACada is { } n && ritmo.PausaLongaSegundos is { } s && desdePausa >= n;
                var intervalo = pausa ? TimeSpan.FromSeconds(ritmo.PausaLongaSegundos!.Value) : Sortear(ritmo, aleatorio);
                var quando = TruncarEmMilissegundos(ultimo is { } u && u + intervalo > primeiroPossivel ? u + intervalo : primeiroPossivel);
                if (ritmo.FechaEm is { } fecha && quando > fecha - AntesDoFechamento)
                {
                    usadas[i] = prontas; // its window closes first: nothing more for it in this step
                    continue;
                }

                slots.Add(new Slot(ritmo.CampanhaId, usadas[i]++, quando, pausa));
                desdePausa = pausa ? 1 : desdePausa + 1;
                ultimo = quando;
                ultimaCampanha = ritmo.CampanhaId;
                progrediu = true;
                cheia = slots.Count == vagas;
            }

            if (!progrediu)
                break;
        }

        return (slots, new EstadoDoNumero(ultimo, desdePausa, ultimaCampanha));
    }

    /// <summary>The gap before a send: fixed at the minimum, or uniform in [min, max] in whole milliseconds.</summary>
    public static TimeSpan Sortear(Ritmo ritmo, Random aleatorio)
    {
        if (ritmo.IntervaloMaxSegundos is not { } max || max <= ritmo.IntervaloMinSegundos)
            return ritmo.Minimo;
        return TimeSpan.FromMilliseconds(aleatorio.NextInt64(ritmo.IntervaloMinSegundos * 1000L, max * 1000L + 1));
    }

    /// <summary>The database keeps milliseconds; the message must carry exactly the stored slot.</summary>
    public static DateTime TruncarEmMilissegundos(DateTime t) =>
        new(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}
