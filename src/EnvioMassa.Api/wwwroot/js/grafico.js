// The sends-per-minute chart: a small SVG drawn here, no library. Each bar is one minute, its height the sends that
// ended in it, the failed part in red on top. The same numbers are given in words for screen readers.
const NS = 'http://www.w3.org/2000/svg';
const ALTURA = 200;
const MARGEM = { esquerda: 36, direita: 8, topo: 10, baixo: 24 };

const hora = new Intl.DateTimeFormat('pt-BR', { hour: '2-digit', minute: '2-digit' });

function svg(tag, atributos = {}, texto) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(atributos)) e.setAttribute(k, String(v));
  if (texto !== undefined) e.textContent = texto;
  return e;
}

/** The smallest of 1, 2, 5, 10, 20, 50… not below the tallest bar, so the grid lines fall on round numbers. */
function teto(maximo) {
  if (maximo <= 1) return 1;
  const potencia = 10 ** Math.floor(Math.log10(maximo));
  return [1, 2, 5, 10].map((m) => m * potencia).find((v) => v >= maximo);
}

export function resumoDoRitmo(minutos) {
  const enviados = minutos.reduce((s, m) => s + m.enviados, 0);
  const falhas = minutos.reduce((s, m) => s + m.falhas, 0);
  const pico = minutos.reduce((a, m) => (m.enviados > (a?.enviados ?? 0) ? m : a), null);
  const periodo = `Nos últimos ${minutos.length} minutos`;
  if (enviados === 0) return `${periodo}: nenhum envio.`;
  return `${periodo}: ${enviados} envio(s), ${falhas} falha(s); pico de ${pico.enviados} por minuto às ${hora.format(new Date(pico.minuto))}.`;
}

/**
 * Draws `minutos` ([{ minuto, enviados, falhas }], oldest first) as an SVG `largura` units wide: drawn at the width it
 * is shown at, so its labels keep their size on a phone.
 */
export function desenharRitmo(minutos, idDoTitulo, largura = 720) {
  const larguraSvg = Math.max(300, Math.round(largura));
  const resumo = resumoDoRitmo(minutos);
  const grafico = svg('svg', {
    viewBox: `0 0 ${larguraSvg} ${ALTURA}`, role: 'img', 'aria-labelledby': `${idDoTitulo} ritmo-desc`, focusable: 'false',
  });
  grafico.append(svg('desc', { id: 'ritmo-desc' }, resumo));

  const area = larguraSvg - MARGEM.esquerda - MARGEM.direita;
  const altura = ALTURA - MARGEM.topo - MARGEM.baixo;
  const maximo = teto(Math.max(0, ...minutos.map((m) => m.enviados)));
  const y = (v) => MARGEM.topo + altura - (v / maximo) * altura;

  for (const v of new Set([0, maximo / 2, maximo])) {
    if (!Number.isInteger(v)) continue;
    grafico.append(svg('line', { class: v === 0 ? 'eixo' : 'grade', x1: MARGEM.esquerda, x2: larguraSvg - MARGEM.direita, y1: y(v), y2: y(v) }));
    grafico.append(svg('text', { x: MARGEM.esquerda - 6, y: y(v) + 4, 'text-anchor': 'end', 'aria-hidden': 'true' }, v));
  }

  const passo = area / Math.max(1, minutos.length);
  const barra = Math.max(1, passo * 0.8);
  const cadaRotulo = Math.max(1, Math.ceil(minutos.length / (larguraSvg < 500 ? 4 : 6)));
  minutos.forEach((m, i) => {
    const x = MARGEM.esquerda + i * passo + (passo - barra) / 2;
    const ok = m.enviados - m.falhas;
    if (ok > 0) grafico.append(svg('rect', { class: 'barra-ok', x, width: barra, y: y(ok), height: y(0) - y(ok) }));
    if (m.falhas > 0) grafico.append(svg('rect', { class: 'barra-falha', x, width: barra, y: y(m.enviados), height: y(ok) - y(m.enviados) }));
    // Counted from the newest minute, so the current one is always labelled.
    if ((minutos.length - 1 - i) % cadaRotulo === 0) {
      // The newest label ends at its bar, inside the chart.
      const ultimo = i === minutos.length - 1;
      grafico.append(svg('text', { x: ultimo ? x + barra : x + barra / 2, y: ALTURA - 6, 'text-anchor': ultimo ? 'end' : 'middle', 'aria-hidden': 'true' },
        hora.format(new Date(m.minuto))));
    }
  });
  return { grafico, resumo };
}
