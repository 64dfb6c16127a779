// Calls to the EnvioMassa API with the operator's key. The key lives in sessionStorage only: it goes away with the
// tab, is never written to localStorage, and is sent as a header, never in a URL.
const CHAVE = 'enviomassa.chave';

export class ErroDaApi extends Error {
  constructor(status, titulo, detalhe, erros) {
    super(detalhe || titulo);
    this.status = status;
    this.titulo = titulo;
    this.detalhe = detalhe;
    this.erros = erros;
  }
}

export const chave = {
  ler: () => sessionStorage.getItem(CHAVE),
  guardar: (valor) => sessionStorage.setItem(CHAVE, valor),
  esquecer: () => sessionStorage.removeItem(CHAVE),
};

/** Listeners told when the API refuses the key (401): the page asks for it again. */
const aoRecusarChave = new Set();
export function quandoRecusarChave(f) { aoRecusarChave.add(f); }

async function pedir(metodo, caminho, corpo, aceitar = 'application/json') {
  const valor = chave.ler();
  if (!valor) {
    aoRecusarChave.forEach((f) => f(false));
    throw new ErroDaApi(401, 'Chave necessária', 'Informe a chave da API para continuar.');
  }
  const cabecalhos = { 'X-Api-Key': valor, Accept: `${aceitar}, application/problem+json` };
  if (corpo !== undefined) cabecalhos['Content-Type'] = 'application/json';
  let resposta;
  try {
    resposta = await fetch(caminho, {
      method: metodo,
      headers: cabecalhos,
      body: corpo === undefined ? undefined : JSON.stringify(corpo),
      cache: 'no-store',
    });
  } catch {
    throw new ErroDaApi(0, 'Sem conexão com a API', 'A API não respondeu. Confira se ela está no ar; o painel tenta de novo sozinho.');
  }
  if (resposta.status === 401) {
    chave.esquecer();
    aoRecusarChave.forEach((f) => f(true));
    throw new ErroDaApi(401, 'Chave recusada', 'A API recusou a chave. Informe-a de novo.');
  }
  if (!resposta.ok) throw await erroDe(resposta);
  return resposta;
}

/** RFC 7807 answers carry a Portuguese title and detail the operator can act on. */
async function erroDe(resposta) {
  let problema = {};
  try { problema = await resposta.json(); } catch { /* not JSON: the status line is all there is */ }
  return new ErroDaApi(resposta.status, problema.title || `Erro ${resposta.status}`,
    problema.detail || '', problema.errors);
}

export async function obter(caminho) {
  return (await pedir('GET', caminho)).json();
}

export async function postar(caminho, corpo) {
  const resposta = await pedir('POST', caminho, corpo);
  const texto = await resposta.text();
  return texto ? JSON.parse(texto) : null;
}

/** A plain link cannot send the key header: fetch with it, then hand the browser the file as a Blob. */
export async function baixar(caminho, nomeDoArquivo) {
  const resposta = await pedir('GET', caminho, undefined, 'text/csv');
  const url = URL.createObjectURL(await resposta.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = nomeDoArquivo;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
