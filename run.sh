#!/usr/bin/env bash
# Runs the whole system locally: RabbitMQ + MariaDB (installed from Debian packages if missing), the Evolution
# simulator (unless Evolution__BaseUrl points at a real Evolution API), the API and the worker (scheduler, senders,
# counters, saga); then seeds a small demo campaign and follows it until it is concluded. Ctrl+C stops everything.
#   ./run.sh            run and keep running
#   ./run.sh --demo     run, follow the demo campaign to the end, stop
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
API_URL=http://127.0.0.1:5080
WORKER_URL=http://127.0.0.1:5081
SIM_URL=http://127.0.0.1:8081
LOGS=.local/logs
mkdir -p "$LOGS"

export Api__Key=${Api__Key:-local-dev-key}
export Evolution__WebhookToken=${Evolution__WebhookToken:-local-webhook-token}
# The demo gets its own database, created afresh at every run.
DB=${ENVIOMASSA_RUN_DB:-enviomassa_demo}
export ConnectionStrings__EnvioMassa=${ConnectionStrings__EnvioMassa:-"Server=127.0.0.1;Port=3306;Database=$DB;User ID=enviomassa;Password=enviomassa"}

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all EXIT INT TERM

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
mysql --protocol=socket -uroot -e "DROP DATABASE IF EXISTS \`$DB\`; CREATE DATABASE \`$DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;" \
  2>/dev/null || true

echo "== build"
dotnet build EnvioMassa.sln -c Release -nologo -clp:ErrorsOnly

if [ -z "${Evolution__BaseUrl:-}" ]; then
  echo "== Evolution simulator on $SIM_URL"
  Simulator__Instances__0__Name=demo Simulator__Instances__0__State=open \
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

api() { # method path [json]
  curl -fsS -X "$1" -H "X-Api-Key: $Api__Key" -H "Content-Type: application/json" ${3:+-d "$3"} "$API_URL$2"
}
json_id() { sed -n 's/.*"id":\([0-9]*\).*/\1/p' | head -1; }

echo "== demo campaign"
instancia=$(api POST /api/instancias '{"nome":"Loja demo","evolutionInstance":"demo"}' | json_id)
api POST /api/clientes '[
  {"nome":"Ana","telefone":"+55 11 99999-0001","dados":{"cidade":"Campinas","valor":"R$ 120,00"}},
  {"nome":"Bruno","telefone":"+55 11 99999-0002","dados":{"cidade":"Campinas","valor":"R$ 80,50"}},
  {"nome":"Carla","telefone":"+55 19 99999-0003","dados":{"cidade":"Jundiaí","valor":"R$ 42,00"}},
  {"nome":"Diego","telefone":"+55 21 99999-0004","dados":{"cidade":"Rio","valor":"R$ 310,00"}},
  {"nome":"Elaine","telefone":"+55 31 99999-0005","dados":{"cidade":"BH","valor":"R$ 15,90"}}]' >/dev/null
template=$(api POST /api/templates '{"nome":"cobranca","conteudo":"Olá {{nome}}, sua fatura de {{dados.valor}} vence hoje."}' | json_id)
campanha=$(api POST /api/campanhas "{\"nome\":\"Cobrança demo\",\"templateId\":$template,\"instanciaId\":$instancia,\"intervaloSegundos\":2}" | json_id)
api POST "/api/campanhas/$campanha/destinatarios" '{"todos":true}' >/dev/null
api POST "/api/campanhas/$campanha/iniciar" >/dev/null

cat <<EOF

  API                   $API_URL   (header X-Api-Key: $Api__Key)
  Demo campaign         $API_URL/api/campanhas/$campanha
  Worker health         $WORKER_URL/health/ready
  RabbitMQ management   http://127.0.0.1:15672   (enviomassa / enviomassa)
  Evolution             $Evolution__BaseUrl${SIM_URL:+   (simulator: $SIM_URL/_sim/requests)}
  Logs                  $LOGS/

EOF

last=""
while true; do
  estado=$(api GET "/api/campanhas/$campanha")
  status=$(sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' <<<"$estado")
  linha="campanha $campanha: $status, enviados $(sed -n 's/.*"enviados":\([0-9]*\).*/\1/p' <<<"$estado")/$(sed -n 's/.*"totalClientes":\([0-9]*\).*/\1/p' <<<"$estado")"
  [ "$linha" != "$last" ] && echo "$linha" && last=$linha
  case "$status" in concluida|cancelada|erro) break ;; esac
  sleep 1
done

if [ "${1:-}" = "--demo" ]; then
  exit 0
fi
echo
echo "Tudo rodando. Ctrl+C para parar."
wait
