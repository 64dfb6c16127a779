#!/usr/bin/env bash
# Local RabbitMQ (with the management UI) and MariaDB on 127.0.0.1, without Docker or systemd.
#   scripts/services.sh start    install what is missing (Debian packages), start, wait, create db/user
#   scripts/services.sh stop     stop both
#   scripts/services.sh status   say what answers
# Idempotent: a second `start` with everything running takes a second or two.
set -euo pipefail

DB_NAME=${ENVIOMASSA_DB_NAME:-enviomassa}
DB_USER=${ENVIOMASSA_DB_USER:-enviomassa}
DB_PASS=${ENVIOMASSA_DB_PASSWORD:-enviomassa}
RABBIT_USER=${ENVIOMASSA_RABBIT_USER:-enviomassa}
RABBIT_PASS=${ENVIOMASSA_RABBIT_PASSWORD:-enviomassa}
MGMT_URL=http://127.0.0.1:15672

# Debian's rabbitmq-server reads these; a fixed node name avoids surprises with the machine's host name.
export RABBITMQ_NODENAME=rabbit@localhost
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-rabbitmq_management tcp_config [{ip,\"127.0.0.1\"},{port,15672}]"

log() { echo "[services] $*" >&2; }

need_root() {
  if [ "$(id -u)" -ne 0 ]; then
    log "installing packages needs root (run as root or install rabbitmq-server and mariadb-server yourself)"
    exit 1
  fi
}

apt_install() {
  need_root
  if [ -z "${APT_UPDATED:-}" ]; then
    log "apt-get update"
    apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  # No init system here: keep the packages' maintainer scripts from trying to start the servers.
  local policy=/usr/sbin/policy-rc.d created=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; created=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  [ "$created" = 1 ] && rm -f "$policy"
  return 0
}

# A server started from here must not keep the caller's descriptors open beyond 0-2: a lock the caller holds (a
# test run under flock) or a pipe it reads would otherwise stay held for as long as the server runs.
close_inherited_fds() {
  local fd
  for fd in $(ls /proc/$BASHPID/fd); do
    if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
}

rabbit_answers() {
  curl -fsS -m 2 -u "$RABBIT_USER:$RABBIT_PASS" "$MGMT_URL/api/overview" >/dev/null 2>&1 \
    || curl -fsS -m 2 -u guest:guest "$MGMT_URL/api/overview" >/dev/null 2>&1
}

mariadb_answers() {
  mysqladmin --protocol=socket ping >/dev/null 2>&1
}

start_rabbitmq() {
  command -v rabbitmq-server >/dev/null 2>&1 || apt_install rabbitmq-server curl
  if ! rabbit_answers; then
    if [ ! -f /etc/rabbitmq/enabled_plugins ] || ! grep -q rabbitmq_management /etc/rabbitmq/enabled_plugins; then
      rabbitmq-plugins enable --offline rabbitmq_management >/dev/null
    fi
    log "starting RabbitMQ"
    # Queues take file handles; at the default 1024 the node stalls with ~900 of them in use. Debian's wrapper
    # switches user through `su`, whose PAM session puts the limit back to 1024, so switch with setpriv instead.
    (
      hard=$(ulimit -Hn)
      if [ "$hard" = unlimited ] || [ "$hard" -ge 65536 ]; then ulimit -n 65536; else ulimit -n "$hard"; fi
      mkdir -p /var/log/rabbitmq && chown rabbitmq:rabbitmq /var/log/rabbitmq
      close_inherited_fds
      cd /var/lib/rabbitmq
      HOME=/var/lib/rabbitmq setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups \
        /usr/lib/rabbitmq/bin/rabbitmq-server -detached </dev/null >/dev/null 2>&1
    ) || true
    local i
    for i in $(seq 1 120); do
      rabbit_answers && break
      sleep 0.5
    done
    rabbit_answers || { log "RabbitMQ did not answer on $MGMT_URL within 60 s (see /var/log/rabbitmq/)"; exit 1; }
  fi
  if ! rabbitmqctl -q list_users 2>/dev/null | grep -q "^$RABBIT_USER\b"; then
    rabbitmqctl -q add_user "$RABBIT_USER" "$RABBIT_PASS" >/dev/null
    rabbitmqctl -q set_user_tags "$RABBIT_USER" administrator >/dev/null
    rabbitmqctl -q set_permissions -p / "$RABBIT_USER" ".*" ".*" ".*" >/dev/null
  fi
  log "RabbitMQ ready: amqp://127.0.0.1:5672, management $MGMT_URL ($RABBIT_USER/$RABBIT_PASS)"
}

start_mariadb() {
  command -v mysqld_safe >/dev/null 2>&1 || apt_install mariadb-server mariadb-client
  if ! mariadb_answers; then
    mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
    if [ ! -d /var/lib/mysql/mysql ]; then
      mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
    fi
    log "starting MariaDB"
    # innodb-flush-log-at-trx-commit=2: each commit is written to the OS at once and flushed to disk every second, so a
    # killed or restarted mysqld (the fault tests do both) loses nothing, while the tests' timing does not depend on
    # how fast the machine's disk syncs (a slow one made every commit milliseconds long). Only a crash of the machine
    # itself could lose the last second, which a throwaway local database does not mind; production keeps the default.
    # Fully detached (own session, no inherited stdin/stdout/stderr): a caller reading this script's output through
    # a pipe (CI, a test) must see it end when the script ends, not when the database stops.
    (cd / && close_inherited_fds && setsid -f mysqld_safe --user=mysql --bind-address=127.0.0.1 --port=3306 \
        --max-connections=500 --innodb-flush-log-at-trx-commit=2 --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
        </dev/null >>/var/log/enviomassa-mariadb.log 2>&1)
    local i
    for i in $(seq 1 120); do
      mariadb_answers && break
      sleep 0.25
    done
    mariadb_answers || { log "MariaDB did not answer within 30 s (see /var/log/enviomassa-mariadb.log)"; exit 1; }
  fi
  # The tests create one database per run, named enviomassa_*; the user may create and drop those.
  mysql --protocol=socket -uroot <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASS';
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASS';
GRANT ALL PRIVILEGES ON \`${DB_NAME}%\`.* TO '$DB_USER'@'localhost';
GRANT ALL PRIVILEGES ON \`${DB_NAME}%\`.* TO '$DB_USER'@'127.0.0.1';
FLUSH PRIVILEGES;
SQL
  log "MariaDB ready: 127.0.0.1:3306, database $DB_NAME ($DB_USER/$DB_PASS)"
}

stop_rabbitmq() {
  if command -v rabbitmqctl >/dev/null 2>&1 && rabbitmqctl -q status >/dev/null 2>&1; then
    log "stopping RabbitMQ"
    rabbitmqctl -q stop >/dev/null 2>&1 || true
  fi
}

stop_mariadb() {
  if mariadb_answers; then
    log "stopping MariaDB"
    mysqladmin --protocol=socket -uroot shutdown >/dev/null 2>&1 || true
  fi
}

case "${1:-start}" in
  start)
    start_mariadb
    start_rabbitmq
    ;;
  stop)
    stop_rabbitmq
    stop_mariadb
    ;;
  restart-rabbitmq)
    stop_rabbitmq; start_rabbitmq ;;
  stop-rabbitmq)
    stop_rabbitmq ;;
  stop-mariadb)
    stop_mariadb ;;
  restart-mariadb)
    stop_mariadb; start_mariadb ;;
  status)
    if rabbit_answers; then echo "rabbitmq: up"; else echo "rabbitmq: down"; fi
    if mariadb_answers; then echo "mariadb: up"; else echo "mariadb: down"; fi
    ;;
  *)
    echo "usage: $0 start|stop|status|restart-rabbitmq|restart-mariadb|stop-rabbitmq|stop-mariadb" >&2
    exit 2
    ;;
esac
