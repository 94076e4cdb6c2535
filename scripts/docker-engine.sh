#!/usr/bin/env bash
# Starts or stops a private Docker engine for Hangar's tests and local use:
# its own socket, data root and exec root, no bridge, no iptables rules, so it
# never creates a network or touches the host's firewall. Root only.
#   scripts/docker-engine.sh start   # prints the DOCKER_HOST to use
#   scripts/docker-engine.sh stop
set -euo pipefail

run_directory=/run/hangar-docker
socket="$run_directory/docker.sock"
pidfile="$run_directory/dockerd.pid"
data_root=/var/lib/hangar-docker

start() {
  if ! command -v dockerd >/dev/null; then
    echo "docker-engine: installing docker.io" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends docker.io >&2 ||
      { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends docker.io >&2; }
  fi
  mkdir -p "$run_directory" "$data_root"
  if [ -S "$socket" ] && DOCKER_HOST="unix://$socket" docker version >/dev/null 2>&1; then
    echo "unix://$socket"
    return
  fi
  nohup dockerd --host "unix://$socket" --bridge=none --iptables=false --ip6tables=false \
    --ip-forward=false --ip-masq=false --data-root "$data_root" \
    --exec-root "$run_directory/exec" --pidfile "$pidfile" >"$run_directory/dockerd.log" 2>&1 &
  for _ in $(seq 1 60); do
    if DOCKER_HOST="unix://$socket" docker version >/dev/null 2>&1; then
      echo "unix://$socket"
      return
    fi
    sleep 0.5
  done
  echo "docker-engine: dockerd did not come up; see $run_directory/dockerd.log" >&2
  tail -20 "$run_directory/dockerd.log" >&2 || true
  exit 1
}

stop() {
  [ -f "$pidfile" ] || return 0
  kill "$(cat "$pidfile")" 2>/dev/null || true
  for _ in $(seq 1 40); do [ -f "$pidfile" ] || return 0; sleep 0.25; done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
