# Sourced by bench/run.sh and bench/lean.sh: the benchmark's issuer, npm's oidc-provider over HTTPS with a throwaway CA
# and a fresh RS256 key, on CPU 1. Needs WORK, PIDS and AUDIENCE set.

# start_issuer PORT [mtls]: starts it, sets ISSUER_PORT and ISSUER_PID, and waits until its discovery document answers.
# With mtls it asks every client for a TLS certificate (MTLS=1): any, or none, is accepted, and only mtls-client's tokens
# are bound to the one presented; nothing else it answers changes.
start_issuer() {
  ISSUER_PORT=$1
  local mtls=; [ "${2:-}" != mtls ] || mtls=1
  echo "== starting the issuer (oidc-provider, HTTPS with a throwaway CA)"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/ca.key" -out "$WORK/ca.pem" -days 2 -subj "/CN=bench CA" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout "$WORK/server.key" -out "$WORK/server.csr" -subj "/CN=localhost" 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > "$WORK/san.ext"
  openssl x509 -req -in "$WORK/server.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" -CAcreateserial -out "$WORK/server.pem" -days 2 -extfile "$WORK/san.ext" 2>/dev/null
  node bench/make-keys.mjs > "$WORK/jwks.json"
  (cd tests/MessagesApi.Tests/oidc && PORT=$ISSUER_PORT KEYS_FILE="$WORK/jwks.json" TLS_CERT="$WORK/server.pem" TLS_KEY="$WORK/server.key" AUDIENCE=$AUDIENCE \
    MTLS=$mtls exec taskset -c 1 node provider.mjs) >"$WORK/issuer.log" 2>&1 &
  ISSUER_PID=$!
  PIDS+=($!)
  for _ in $(seq 100); do curl -sf --cacert "$WORK/ca.pem" "https://localhost:$ISSUER_PORT/.well-known/openid-configuration" >/dev/null && break; sleep 0.1; done
}

# token CLIENT SCOPE [curl options...]: an access token for the API from client_credentials (e.g. with --cert and --key
# for mtls-client).
token() {
  curl -sf --cacert "$WORK/ca.pem" -u "$1:${1%-client}-secret" -d grant_type=client_credentials -d "resource=$AUDIENCE" -d "scope=$2" \
    "${@:3}" "https://localhost:$ISSUER_PORT/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
