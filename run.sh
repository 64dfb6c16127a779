#!/usr/bin/env bash
# Runs the whole system locally: RabbitMQ + MariaDB (installed from Debian packages if missing), the Evolution
# simulator (unless Evolution__BaseUrl points at a real Evolution API), the API and the worker (scheduler, senders,
# counters, saga); then seeds a small demo campaign and follows it until it ends. Ctrl+C stops everything.
#   ./run.sh            run and keep running; a demo that fails is reported and the services stay up
#   ./run.sh --demo     run, follow the demo campaign to the end, stop (exit status 1 if the demo failed)
# With a real Evolution (Evolution__BaseUrl, Evolution__ApiKey) the demo sends real WhatsApp messages, so it runs only
# when ENVIOMASSA_DEMO_INSTANCE names the Evolution instance to send through and ENVIOMASSA_DEMO_TELEFONES the
# operator's own test numbers (comma-separated); the simulator's made-up numbers are never used there.
set -euo pipefail
cd "$(dirname "$0")"

MODE=${1:-}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# ENVIOMASSA_API_URL=http://0.0.0.0:5080 lets an Evolution on another machine or in a container reach the webhook.
API_URL=${ENVIOMASSA_API_URL:-http://127.0.0.1:5080}
WORKER_URL=http://127.0.0.1:5081
SIM_URL=http://127.0.0.1:8081
LOGS=.local/logs
mkdir -p "$LOGS"

export Api__Key=${Api__Key:-local-dev-key}
export Evolution__WebhookToken=${Evolution__WebhookToken:-local-webhook-token}
# The demo gets its own database, dropped and created afresh at every run, unless ENVIOMASSA_KEEP_DB=1.
DB=${ENVIOMASSA_RUN_DB:-enviomassa_demo}
KEEP_DB=${ENVIOMASSA_KEEP_DB:-}
export ConnectionStrings__EnvioMassa=${ConnectionStrings__EnvioMassa:-"Server=127.0.0.1;Port=3306;Database=$DB;User ID=enviomassa;Password=enviomassa"}

# Which Evolution, and whether there is a demo, is settled before anything starts: a demo asked for wrongly stops
# here, not after the build.
DEMO_INSTANCE=${ENVIOMASSA_DEMO_INSTANCE:-}
DEMO_TELEFONES=${ENVIOMASSA_DEMO_TELEFONES:-}
DEMO_TELEFONES=${DEMO_TELEFONES// /}
if [ -z "${Evolution__BaseUrl:-}" ]; then
  SIMULATOR=1
  DEMO_INSTANCE=${DEMO_INSTANCE:-demo}
  EVOLUTION="$SIM_URL   (simulador, instância '$DEMO_INSTANCE'; o que ele recebeu: $SIM_URL/_sim/requests)"
  echo "== Evolution: $EVOLUTION"
else
  SIMULATOR=
  # The URL without user:password@ and without a query string, where a key could hide.
  EVOLUTION="$(sed -E 's#//[^/@]*@#//#; s#\?.*##' <<<"$Evolution__BaseUrl")   (Evolution real)"
  echo "== Evolution: $EVOLUTION; Evolution__ApiKey $([ -n "${Evolution__ApiKey:-}" ] && echo definida || echo 'NÃO definida')"
  if [ -z "$DEMO_INSTANCE" ]; then
    echo "   Sem demonstração: ela enviaria mensagens de verdade. Para uma, defina ENVIOMASSA_DEMO_INSTANCE (a instância"
    echo "   do Evolution por onde enviar) e ENVIOMASSA_DEMO_TELEFONES (seus números de teste, separados por vírgula)."
    if [ "$MODE" = --demo ]; then echo "Sem demonstração, ./run.sh --demo não tem o que acompanhar." >&2; exit 2; fi
  elif [ -z "$DEMO_TELEFONES" ]; then
    echo "ENVIOMASSA_DEMO_INSTANCE=$DEMO_INSTANCE sem ENVIOMASSA_DEMO_TELEFONES: com um Evolution real a demonstração" \
      "envia mensagens de WhatsApp de verdade; diga para quais números de teste seus (separados por vírgula)." >&2
    exit 2
  fi
fi
case "$DEMO_INSTANCE" in *[\"\\/?#%[:space:]]*)
  echo "ENVIOMASSA_DEMO_INSTANCE não pode ter espaços, aspas, \\ nem os caracteres / ? # %." >&2; exit 2 ;;
esac
case "$DEMO_TELEFONES" in *[!0-9+,.\(\)-]*)
  echo "ENVIOMASSA_DEMO_TELEFONES tem caracteres que não são de telefone: '$DEMO_TELEFONES'." >&2; exit 2 ;;
esac
if [ -n "$KEEP_DB" ]; then
  echo "== Banco de dados: $DB, mantido (ENVIOMASSA_KEEP_DB=1); sem demonstração, que cadastraria tudo de novo"
  DEMO_INSTANCE=
  if [ "$MODE" = --demo ]; then echo "Com ENVIOMASSA_KEEP_DB=1 não há demonstração para ./run.sh --demo." >&2; exit 2; fi
else
  echo "== Banco de dados: $DB, DESCARTÁVEL: apagado e recriado a cada ./run.sh."
  echo "   Para guardar os dados entre execuções: ENVIOMASSA_RUN_DB=outro_nome ENVIOMASSA_KEEP_DB=1 ./run.sh"
fi
if [ -n "$DEMO_INSTANCE" ] && [ -z "$SIMULATOR" ]; then
  echo "   ATENÇÃO: a demonstração envia mensagens de WhatsApp DE VERDADE pela instância '$DEMO_INSTANCE'"
  echo "   para: ${DEMO_TELEFONES//,/, }. Ctrl+C agora se não são seus números de teste."
fi

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all EXIT
# Ctrl+C ends the script (and so, through the EXIT trap, the services) wherever it is.
trap 'exit 130' INT TERM

wait_for() { # url name seconds
  local i
  for i in $(seq 1 $(( $3 * 4 ))); do
    curl -fsS -m 1 "$1" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  echo "$2 não respondeu em $3 s; veja $LOGS/" >&2
  exit 1
}

scripts/services.sh start
[ -n "$KEEP_DB" ] || mysql --protocol=socket -uroot -e "DROP DATABASE IF EXISTS \`$DB\`;" 2>/dev/null || true
mysql --protocol=socket -uroot -e "CREATE DATABASE IF NOT EXISTS \`$DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;" \
  2>/dev/null || true

echo "== build"
dotnet build EnvioMassa.sln -c Release -nologo -clp:ErrorsOnly

if [ -n "$SIMULATOR" ]; then
  echo "== Evolution simulator on $SIM_URL"
  Simulator__Instances__0__Name=$DEMO_INSTANCE Simulator__Instances__0__State=open \
    dotnet src/EnvioMassa.EvolutionSimulator/bin/Release/net10.0/EnvioMassa.EvolutionSimulator.dll --urls "$SIM_URL" \
    >"$LOGS/simulator.log" 2>&1 &
  pids+=($!)
  export Evolution__BaseUrl=$SIM_URL
  export Evolution__ApiKey=${Evolution__ApiKey:-sim-global-key}
  wait_for "$SIM_URL/_sim/config" "O simulador" 30
fi

echo "== API on $API_URL (applies the migrations)"
dotnet src/EnvioMassa.Api/bin/Release/net10.0/EnvioMassa.Api.dll --urls "$API_URL" >"$LOGS/api.log" 2>&1 &
pids+=($!)
wait_for "$API_URL/health/ready" "A API" 60

echo "== worker on $WORKER_URL (scheduler, sender, counters, saga)"
dotnet src/EnvioMassa.Worker/bin/Release/net10.0/EnvioMassa.Worker.dll --urls "$WORKER_URL" >"$LOGS/worker.log" 2>&1 &
pids+=($!)
wait_for "$WORKER_URL/health/ready" "O worker" 60

cat <<EOF

  API                   $API_URL   (header X-Api-Key: $([ "$Api__Key" = local-dev-key ] && echo local-dev-key || echo 'o valor de Api__Key'))
  Worker health         $WORKER_URL/health/ready
  RabbitMQ management   http://127.0.0.1:15672   (enviomassa / enviomassa)
  Evolution             $EVOLUTION
  Logs                  $LOGS/

EOF

# The demo reports what failed and returns 1; it never ends the script, so the services stay up for a look.
falha() { # what was being done, what came back
  cat >&2 <<EOF

!! A demonstração falhou ao $1.
   $2
   Logs: $LOGS/api.log, $LOGS/worker.log${SIMULATOR:+, $LOGS/simulator.log}
EOF
}

api() { # what is being done, method, path, [json]: prints the answer's body; on an error answer says so and returns 1
  local resposta status
  if ! resposta=$(curl -sS -m 30 -X "$2" -H "X-Api-Key: $Api__Key" -H "Content-Type: application/json" ${4:+-d "$4"} \
      -w '\n%{http_code}' "$API_URL$3" 2>&1); then
    falha "$1" "A API não respondeu em $API_URL: $resposta"
    return 1
  fi
  status=${resposta##*$'\n'}
  resposta=${resposta%$'\n'*}
  if [ "$status" -ge 400 ]; then
    falha "$1" "$2 $3 respondeu HTTP $status: $resposta"
    return 1
  fi
  printf '%s' "$resposta"
}

criar() { # what is being done, path, json: prints the id of what was created
  local resposta id
  resposta=$(api "$1" POST "$2" "$3") || return 1
  id=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' <<<"$resposta" | head -1)
  [ -n "$id" ] || { falha "$1" "POST $2 respondeu sem id: $resposta"; return 1; }
  echo "$id"
}

clientes() {
  if [ -z "$DEMO_TELEFONES" ]; then
    echo '[
  {"nome":"Ana","telefone":"+55 11 99999-0001","dados":{"cidade":"Campinas","valor":"R$ 120,00"}},
  {"nome":"Bruno","telefone":"+55 11 99999-0002","dados":{"cidade":"Campinas","valor":"R$ 80,50"}},
  {"nome":"Carla","telefone":"+55 19 99999-0003","dados":{"cidade":"Jundiaí","valor":"R$ 42,00"}},
  {"nome":"Diego","telefone":"+55 21 99999-0004","dados":{"cidade":"Rio","valor":"R$ 310,00"}},
  {"nome":"Elaine","telefone":"+55 31 99999-0005","dados":{"cidade":"BH","valor":"R$ 15,90"}}]'
    return
  fi
  local telefone n=0 json=
  for telefone in ${DEMO_TELEFONES//,/ }; do
    n=$((n + 1))
    json+="${json:+,}{\"nome\":\"Teste $n\",\"telefone\":\"$telefone\"}"
  done
  echo "[$json]"
}

demo() {
  local conteudo='Olá {{nome}}, sua fatura de {{dados.valor}} vence hoje.'
  [ -n "$DEMO_TELEFONES" ] && conteudo='Olá {{nome}}, esta é uma mensagem de teste do EnvioMassa.'
  local instancia template campanha importados estado status linha last=""

  echo "== demo campaign"
  instancia=$(criar "cadastrar a instância '$DEMO_INSTANCE'" /api/instancias \
    "{\"nome\":\"Demo\",\"evolutionInstance\":\"$DEMO_INSTANCE\"}") || return 1
  importados=$(api "importar os clientes" POST /api/clientes "$(clientes)") || return 1
  grep -q '"invalidos":\[\]' <<<"$importados" || echo "   Telefones recusados pela API: $importados"
  template=$(criar "criar o template" /api/templates "{\"nome\":\"demo\",\"conteudo\":\"$conteudo\"}") || return 1
  campanha=$(criar "criar a campanha" /api/campanhas \
    "{\"nome\":\"Demo\",\"templateId\":$template,\"instanciaId\":$instancia,\"intervaloSegundos\":2}") || return 1
  api "incluir os destinatários" POST "/api/campanhas/$campanha/destinatarios" '{"todos":true}' >/dev/null || return 1
  api "iniciar a campanha $campanha" POST "/api/campanhas/$campanha/iniciar" >/dev/null || return 1
  echo "   $API_URL/api/campanhas/$campanha"

  while true; do
    estado=$(api "acompanhar a campanha $campanha" GET "/api/campanhas/$campanha") || return 1
    status=$(sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' <<<"$estado")
    linha="campanha $campanha: $status, enviados $(sed -n 's/.*"enviados":\([0-9]*\).*/\1/p' <<<"$estado")/$(sed -n 's/.*"totalClientes":\([0-9]*\).*/\1/p' <<<"$estado")"
    [ "$linha" != "$last" ] && echo "$linha" && last=$linha
    case "$status" in
      concluida) return 0 ;;
      cancelada|erro) falha "concluir a campanha $campanha" "Ela terminou em '$status': $estado"; return 1 ;;
    esac
    sleep 1
  done
}

demo_ok=1
if [ -n "$DEMO_INSTANCE" ]; then
  demo || demo_ok=0
fi

if [ "$MODE" = --demo ]; then
  [ "$demo_ok" = 1 ] && exit 0 || exit 1
fi
echo
[ "$demo_ok" = 1 ] || echo "Os serviços continuam rodando, para você ver o que houve (logs em $LOGS/)."
echo "Tudo rodando. Ctrl+C para parar."
wait
