// The operator's dashboard: the campaign list (#/) and one campaign (#/campanhas/12), refreshed every 2 s while the
// tab is visible. Everything the API says is put in the page as text, never as HTML.
import { baixar, chave, ErroDaApi, obter, postar, quandoRecusarChave } from './api.js';
import { desenharRitmo } from './grafico.js';

const INTERVALO_MS = 2000;
const STATUS = {
  rascunho: 'Rascunho', agendada: 'Agendada', enviando: 'Enviando', pausada: 'Pausada',
  concluida: 'Concluída', cancelada: 'Cancelada', erro: 'Erro',
};
const ESTADOS = { open: 'Conectada', connecting: 'Conectando', close: 'Desconectada', refused: 'Recusada', desconhecido: 'Desconhecido' };
const FINAIS = ['concluida', 'cancelada', 'erro'];
/** Which button each state allows, as the campaign saga does (a refused one would only answer 409). */
const PERMITIDAS = {
  iniciar: (c) => c.status === 'rascunho',
  pausar: (c) => c.status === 'enviando',
  retomar: (c) => c.status === 'pausada',
  cancelar: (c) => !FINAIS.includes(c.status),
  reenviar: (c) => FINAIS.includes(c.status) && c.falhas > 0,
  exportar: (c) => c.totalClientes > 0,
};

const $ = (id) => document.getElementById(id);
const dataHora = new Intl.DateTimeFormat('pt-BR', { dateStyle: 'short', timeStyle: 'medium' });
const horaCerta = new Intl.DateTimeFormat('pt-BR', { timeStyle: 'medium' });
const quando = (iso) => (iso ? dataHora.format(new Date(iso)) : '—');

/** A DOM element with attributes and children (strings become text nodes, so nothing from the API is parsed as HTML). */
function el(tag, atributos = {}, ...filhos) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(atributos)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'class') e.className = v; else e.setAttribute(k, v === true ? '' : String(v));
  }
  e.append(...filhos.flat().filter((f) => f !== null && f !== undefined && f !== false).map((f) => (f instanceof Node ? f : String(f))));
  return e;
}

function status(s) {
  return el('span', { class: `status status-${s}` }, STATUS[s] ?? s);
}

/** How far a campaign is: sends that ended over its recipients, successes green and failures red. */
function progresso(c, rotulo) {
  const total = c.totalClientes || 0;
  const feitos = Math.min(c.enviados || 0, total);
  const pct = total === 0 ? 0 : Math.round((feitos / total) * 100);
  const largura = (n) => `${total === 0 ? 0 : (n / total) * 100}%`;
  const texto = `${feitos} de ${total} processados (${pct}%)`;
  const trilho = el('div', { class: 'trilho' },
    el('div', { class: 'ok', style: `width:${largura(Math.min(c.sucessos, total))}` }),
    el('div', { class: 'ruim', style: `width:${largura(Math.min(c.falhas, total - Math.min(c.sucessos, total)))}` }));
  const barra = el('div', {
    class: 'progresso', role: 'progressbar', 'aria-label': rotulo, 'aria-valuemin': 0, 'aria-valuemax': 100,
    'aria-valuenow': pct, 'aria-valuetext': texto,
  }, el('div', { class: 'rotulo', 'aria-hidden': 'true' }, el('span', {}, texto), el('span', {}, `${c.falhas} falha(s)`)), trilho);
  return barra;
}

function tabela(cabecalhos, linhas, vazio) {
  if (linhas.length === 0) return el('p', { class: 'nota' }, vazio);
  return el('table', {},
    el('thead', {}, el('tr', {}, cabecalhos.map(([t, classe]) => el('th', { scope: 'col', class: classe }, t)))),
    // data-rotulo: on a phone each row is a small card whose cells say what they are (see painel.css).
    el('tbody', {}, linhas.map((celulas) => el('tr', {},
      celulas.map(([v, classe], i) => el('td', { class: classe, 'data-rotulo': cabecalhos[i][0] }, v))))));
}

// ---- what the operator is told -------------------------------------------------------------------------------

function avisar(erro) {
  const e = erro instanceof ErroDaApi ? erro : new ErroDaApi(0, 'Erro inesperado', String(erro?.message ?? erro));
  if (e.status === 401) return; // the key form says it
  $('aviso-titulo').textContent = e.titulo;
  const campos = e.erros ? Object.values(e.erros).flat().filter((m) => !e.detalhe?.includes(m)) : [];
  $('aviso-detalhe').textContent = [e.detalhe, ...campos].filter(Boolean).join(' ');
  $('aviso').hidden = false;
}

function limparAviso() { $('aviso').hidden = true; }
$('aviso-fechar').addEventListener('click', limparAviso);

// ---- the key ------------------------------------------------------------------------------------------------

function pedirChave(recusada) {
  pararAtualizacao();
  for (const tela of ['tela-lista', 'tela-campanha']) $(tela).hidden = true;
  $('tela-chave').hidden = false;
  $('sair').hidden = true;
  $('atualizacao').textContent = '';
  $('chave-erro').hidden = !recusada;
  $('chave-erro').textContent = recusada ? 'A API recusou esta chave (401). Confira e informe de novo.' : '';
  $('chave').value = '';
  if (recusada) $('chave').focus();
}

quandoRecusarChave(pedirChave);

$('form-chave').addEventListener('submit', (evento) => {
  evento.preventDefault();
  const valor = $('chave').value.trim();
  if (!valor) return;
  chave.guardar(valor);
  $('chave').value = '';
  $('tela-chave').hidden = true;
  $('sair').hidden = false;
  mostrar();
});

$('sair').addEventListener('click', () => {
  chave.esquecer();
  pedirChave(false);
  $('chave').focus();
});

// ---- the campaign list --------------------------------------------------------------------------------------

async function desenharLista() {
  const [campanhas, instancias] = await Promise.all([obter('/api/campanhas?limite=100'), obter('/api/instancias')]);
  $('campanhas').replaceChildren(...(campanhas.length === 0
    ? [el('p', { class: 'nota' }, 'Nenhuma campanha ainda. Crie uma pela API (veja docs/usando-a-api.md).')]
    : campanhas.map((c) => el('article', { class: 'cartao item-campanha', 'data-campanha': c.id },
      el('h3', {}, el('a', { href: `#/campanhas/${c.id}` }, c.nome), status(c.status)),
      progresso(c, `Progresso de ${c.nome}`),
      el('p', { class: 'numeros' },
        `#${c.id} · ${c.totalClientes} destinatário(s) · ${c.sucessos} sucesso(s) · ${c.falhas} falha(s) · ${c.pendentes} pendente(s)`)))));

  $('instancias').replaceChildren(...(instancias.length === 0
    ? [el('p', { class: 'nota' }, 'Nenhuma instância cadastrada.')]
    : instancias.map((i) => el('article', { class: 'cartao instancia', 'data-instancia': i.id },
      el('h3', {}, i.nome),
      el('p', {}, 'Conexão: ', el('strong', { class: `estado-${i.estado}` }, ESTADOS[i.estado] ?? i.estado)),
      el('p', { class: 'nota' }, `Evolution: ${i.evolutionInstance}`),
      // Shown when the API gives them (older APIs do not count sends per instance).
      i.enviadosHoje != null
        ? el('p', {}, `Enviados hoje: ${i.enviadosHoje}${i.limiteEfetivoHoje != null ? ` de ${i.limiteEfetivoHoje}` : ''}`)
        : null,
      i.enviadosUltimaHora != null ? el('p', { class: 'nota' }, `Na última hora: ${i.enviadosUltimaHora}`) : null))));
}

// ---- one campaign -------------------------------------------------------------------------------------------

let campanhaAtual = null;

async function desenharCampanha(id) {
  const [c, ritmo, falhas, erros] = await Promise.all([
    obter(`/api/campanhas/${id}`),
    obter(`/api/campanhas/${id}/ritmo?minutos=60`),
    obter(`/api/campanhas/${id}/falhas?limite=10`),
    obter(`/api/campanhas/${id}/envios?status=erro&limite=10`),
  ]);
  if (rotaAtual().id !== id) return; // the operator went elsewhere meanwhile
  campanhaAtual = c;
  document.title = `${c.nome} — EnvioMassa`;
  $('campanha-nome').textContent = c.nome;
  $('campanha-status').replaceWith(Object.assign(status(c.status), { id: 'campanha-status' }));

  const origem = $('campanha-origem');
  origem.hidden = c.origemId == null;
  origem.replaceChildren(...(c.origemId == null ? [] : ['Reenvio das falhas da ', el('a', { href: `#/campanhas/${c.origemId}` }, `campanha #${c.origemId}`), '.']));

  const motivo = c.status === 'pausada'
    ? `Pausada: ${c.motivoPausa || 'pelo operador.'}${c.pausadaPelaInstancia && c.retomarAutomaticamente ? ' Retoma sozinha quando a instância reconectar.' : ''}`
    : c.status === 'erro' ? `Parada por erro: ${c.motivoErro || c.motivoPausa || 'sem motivo registrado.'}`
    : c.status === 'enviando' && c.motivoEspera ? `Aguardando: ${c.motivoEspera}`
      : c.status === 'agendada' && c.agendarPara ? `Agendada para ${quando(c.agendarPara)}.` : null;
  $('campanha-motivo').hidden = !motivo;
  $('campanha-motivo').textContent = motivo ?? '';

  for (const botao of document.querySelectorAll('[data-acao]')) {
    if (!botao.dataset.ocupado) botao.disabled = !PERMITIDAS[botao.dataset.acao](c);
  }

  $('campanha-progresso').replaceChildren(progresso(c, `Progresso de ${c.nome}`));
  const contadores = { total: c.totalClientes, enviados: c.enviados, sucessos: c.sucessos, falhas: c.falhas, entregues: c.entregues, lidas: c.lidas, pendentes: c.pendentes };
  for (const [nome, valor] of Object.entries(contadores)) $(`c-${nome}`).textContent = valor ?? '—';

  const { grafico, resumo } = desenharRitmo(ritmo, 'grafico-titulo', $('grafico').clientWidth || 720);
  $('grafico').replaceChildren(grafico,
    el('ul', { class: 'legenda', 'aria-hidden': 'true' },
      el('li', {}, el('span', { style: 'background:var(--sucesso)' }), 'Sucessos'),
      el('li', {}, el('span', { style: 'background:var(--falha)' }), 'Falhas')));
  $('grafico-resumo').textContent = resumo;

  $('falhas').replaceChildren(tabela([['Motivo'], ['Quantidade', 'num'], ['Última']],
    falhas.map((f) => [[f.motivo, 'quebra'], [f.quantidade, 'num'], [quando(f.ultimaEm)]]), 'Nenhuma falha.'));
  $('erros').replaceChildren(tabela([['Telefone'], ['Erro'], ['Tentativas', 'num'], ['Quando']],
    erros.map((e) => [[e.telefone], [e.erroMensagem ?? '—', 'quebra'], [e.tentativas, 'num'], [quando(e.dataEnvio)]]), 'Nenhum erro.'));
}

const ACOES = {
  iniciar: (c) => postar(`/api/campanhas/${c.id}/iniciar`),
  pausar: (c) => postar(`/api/campanhas/${c.id}/pausar`),
  retomar: (c) => postar(`/api/campanhas/${c.id}/retomar`),
  cancelar: async (c) => {
    if (!window.confirm(`Cancelar a campanha "${c.nome}"? Cancelar é definitivo: os envios pendentes não sairão.`)) return;
    await postar(`/api/campanhas/${c.id}/cancelar`);
  },
  reenviar: async (c) => {
    const nova = await postar(`/api/campanhas/${c.id}/reenviar`, { status: ['erro'] });
    location.hash = `#/campanhas/${nova.id}`;
  },
  exportar: (c) => baixar(`/api/campanhas/${c.id}/envios.csv`, `campanha-${c.id}-envios.csv`),
};

for (const botao of document.querySelectorAll('[data-acao]')) {
  botao.addEventListener('click', async () => {
    const c = campanhaAtual;
    if (!c || botao.disabled) return;
    botao.dataset.ocupado = '1';
    botao.disabled = true;
    limparAviso();
    try {
      await ACOES[botao.dataset.acao](c);
    } catch (erro) {
      avisar(erro);
    } finally {
      delete botao.dataset.ocupado;
      atualizarJa();
    }
  });
}

// ---- routing and the 2 s refresh ----------------------------------------------------------------------------

function rotaAtual() {
  const m = location.hash.match(/^#\/campanhas\/(\d+)$/);
  return m ? { tela: 'campanha', id: Number(m[1]) } : { tela: 'lista', id: null };
}

let temporizador = null;
let rodada = 0;

function pararAtualizacao() {
  clearTimeout(temporizador);
  temporizador = null;
  rodada++;
}

async function atualizarJa() {
  pararAtualizacao();
  const esta = rodada;
  if (!chave.ler()) { pedirChave(false); return; }
  const rota = rotaAtual();
  try {
    if (rota.tela === 'campanha') await desenharCampanha(rota.id); else await desenharLista();
    $('atualizacao').textContent = `Atualizado às ${horaCerta.format(new Date())}`;
  } catch (erro) {
    if (erro instanceof ErroDaApi && erro.status === 401) return;
    avisar(erro);
  }
  // Polling: the API has no push channel; every 2 s is enough to watch a campaign paced in seconds.
  if (esta === rodada && !document.hidden) temporizador = setTimeout(atualizarJa, INTERVALO_MS);
}

function mostrar() {
  if (!chave.ler()) { pedirChave(false); return; }
  const rota = rotaAtual();
  $('tela-chave').hidden = true;
  $('sair').hidden = false;
  $('tela-lista').hidden = rota.tela !== 'lista';
  $('tela-campanha').hidden = rota.tela !== 'campanha';
  if (rota.tela === 'lista') document.title = 'Painel — EnvioMassa';
  else if (campanhaAtual?.id !== rota.id) {
    campanhaAtual = null;
    $('campanha-nome').textContent = `Campanha #${rota.id}`;
    for (const botao of document.querySelectorAll('[data-acao]')) botao.disabled = true;
  }
  limparAviso();
  atualizarJa();
}

window.addEventListener('hashchange', () => { mostrar(); $('conteudo').focus(); });

// A hidden tab does not poll; it catches up at once when shown again.
document.addEventListener('visibilitychange', () => {
  if (document.hidden) {
    pararAtualizacao();
    $('atualizacao').textContent = 'Atualização pausada (aba oculta)';
  } else if (chave.ler()) {
    atualizarJa();
  }
});

mostrar();
