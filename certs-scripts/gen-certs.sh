#!/usr/bin/env bash
# Creates (or reuses) a CA and issues the webhook's serving certificate with openssl,
# then emits a kubernetes.io/tls Secret manifest that also carries ca.crt.
#
# Exit codes: 0 done, 1 operation failed (openssl, unusable existing CA), 2 usage error.
set -euo pipefail

PROG=$(basename "$0")

usage() {
  cat <<EOF
Usage: $PROG --service NAME --namespace NS [options]

Creates a CA and a serving certificate for the in-cluster Service NAME in namespace NS.
The serving certificate's SANs are exactly:
  NAME, NAME.NS, NAME.NS.svc, NAME.NS.svc.cluster.local

Options:
  --service NAME        Service name (DNS-1123 label). Required.
  --namespace NS        Namespace (DNS-1123 label). Required.
  --out DIR             Output directory [certs]. Created if missing.
  --days N              Serving certificate validity in days [365].
  --ca-days N           CA validity in days [3650]; only used when a CA is created.
  --secret-name NAME    Name of the Secret in the manifest [NAME-tls].
  --secret-yaml FILE    Write the Secret manifest to FILE (mode 0600) instead of stdout.
  --force               Create a new CA even if DIR already holds one.
  -h, --help            Show this help and exit.

Files written to DIR (keys are mode 0600, certificates 0644):
  ca.key ca.crt         CA private key and self-signed certificate (CA:TRUE, keyCertSign)
  tls.key tls.crt       serving key and certificate (CA:FALSE, serverAuth), signed by the CA

Existing CA: if DIR already has ca.crt and ca.key and --force is not given, the CA is
REUSED: it is checked (key matches certificate, it is a CA, it stays valid for the whole
--days of the new serving certificate) and a fresh serving key and certificate are issued
from it. The caBundle already registered in the cluster therefore stays valid, so rotating
the serving certificate needs no caBundle patch. An unusable existing CA is refused with
exit 1 and left untouched. --force replaces the CA: re-run patch-ca-bundle.sh afterwards.

The Secret manifest (type kubernetes.io/tls, keys tls.crt, tls.key, ca.crt, base64 without
line wraps) goes to stdout, so it can be piped:  $PROG ... | kubectl apply -f -
It contains the serving private key, so it is not printed to a terminal: redirect stdout
or use --secret-yaml FILE. All progress messages go to stderr.

Exit codes: 0 success, 1 failure, 2 usage error.
EOF
}

die_usage() { echo "$PROG: error: $*" >&2; echo "Try '$PROG --help'." >&2; exit 2; }
die() { echo "$PROG: error: $*" >&2; exit 1; }
info() { echo "$PROG: $*" >&2; }

# Value of an option that takes an argument; refuses a missing value or another option.
need_value() {
  if [[ $# -lt 2 || -z "$2" || "$2" == --* ]]; then die_usage "option $1 requires a value"; fi
}

is_dns1123_label() { [[ ${#1} -le 63 && "$1" =~ ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ ]]; }
is_dns1123_subdomain() {
  [[ ${#1} -le 253 && "$1" =~ ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ ]]
}
# Bounded so that days*86400 cannot overflow and openssl accepts it (100 years).
is_days() { [[ "$1" =~ ^[1-9][0-9]{0,4}$ && "$1" -le 36500 ]]; }

service="" namespace="" out="certs" days=365 ca_days=3650 ca_days_given=false
secret_name="" secret_yaml="" force=false

while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --service) need_value "$@"; service=$2; shift 2 ;;
    --namespace) need_value "$@"; namespace=$2; shift 2 ;;
    --out) need_value "$@"; out=$2; shift 2 ;;
    --days) need_value "$@"; days=$2; shift 2 ;;
    --ca-days) need_value "$@"; ca_days=$2; ca_days_given=true; shift 2 ;;
    --secret-name) need_value "$@"; secret_name=$2; shift 2 ;;
    --secret-yaml) need_value "$@"; secret_yaml=$2; shift 2 ;;
    --force) force=true; shift ;;
    --*=*) set -- "${1%%=*}" "${1#*=}" "${@:2}" ;;
    *) die_usage "unknown argument: $1" ;;
  esac
done

problems=()
[[ -n "$service" ]] || problems+=("--service is required")
[[ -n "$namespace" ]] || problems+=("--namespace is required")
if [[ -n "$service" ]] && ! is_dns1123_label "$service"; then
  problems+=("--service '$service' is not a DNS-1123 label (lower-case a-z, 0-9, '-', at most 63, starting and ending alphanumeric)")
fi
if [[ -n "$namespace" ]] && ! is_dns1123_label "$namespace"; then
  problems+=("--namespace '$namespace' is not a DNS-1123 label (lower-case a-z, 0-9, '-', at most 63, starting and ending alphanumeric)")
fi
is_days "$days" || problems+=("--days '$days' is not a positive integer of at most 36500")
is_days "$ca_days" || problems+=("--ca-days '$ca_days' is not a positive integer of at most 36500")
if [[ -n "$secret_name" ]] && ! is_dns1123_subdomain "$secret_name"; then
  problems+=("--secret-name '$secret_name' is not a DNS-1123 subdomain")
fi
if [[ -n "$secret_yaml" && ! -d "$(dirname -- "$secret_yaml")" ]]; then
  problems+=("--secret-yaml '$secret_yaml': directory $(dirname -- "$secret_yaml") does not exist")
fi
if [[ ${#problems[@]} -gt 0 ]]; then
  for p in "${problems[@]}"; do echo "$PROG: error: $p" >&2; done
  echo "Try '$PROG --help'." >&2
  exit 2
fi

[[ -n "$secret_name" ]] || secret_name="${service}-tls"

# Checked before anything is written: a new CA must outlive the certificate it signs.
if [[ ! -e "$out/ca.crt" && ! -e "$out/ca.key" ]] || $force; then
  if (( days > ca_days )); then
    die_usage "--days $days exceeds --ca-days $ca_days: the serving certificate would outlive its CA"
  fi
fi

command -v openssl >/dev/null 2>&1 || die "openssl not found on PATH; install it (e.g. apt-get install openssl)"

# Keys must never exist with looser permissions, not even briefly.
umask 077
mkdir -p "$out" || die "cannot create output directory $out"
[[ -d "$out" && -w "$out" ]] || die "output directory $out is not a writable directory"

# Everything is generated in a scratch directory inside DIR and moved into place only
# when complete, so a failure never leaves a half-written CA or a key without its cert.
work=$(mktemp -d "$out/.gen-certs.XXXXXX")
trap 'rm -rf "$work"' EXIT

fqdn_svc="$service.$namespace.svc"
cat >"$work/openssl.cnf" <<EOF
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ v3_ca ]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_leaf ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:$service, DNS:$service.$namespace, DNS:$fqdn_svc, DNS:$fqdn_svc.cluster.local
EOF

new_key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>"$work/err" || { cat "$work/err" >&2; die "openssl could not generate a key"; }; }
# A random positive 128-bit serial: openssl's own default for x509 -req is not reliably random.
serial() { echo "0x$(openssl rand -hex 16 | sed 's/^./7/')"; }
pubkey_of_cert() { openssl x509 -in "$1" -noout -pubkey 2>/dev/null; }
# An empty passphrase makes an encrypted key fail here instead of prompting.
pubkey_of_key() { openssl pkey -in "$1" -passin pass: -pubout 2>/dev/null; }

ca_crt="$out/ca.crt" ca_key="$out/ca.key"
reuse_ca=false
if [[ -e "$ca_crt" || -e "$ca_key" ]] && ! $force; then
  [[ -f "$ca_crt" && -f "$ca_key" ]] \
    || die "$out holds only one of ca.crt/ca.key; refusing to guess. Restore the missing file or use --force to create a new CA"
  openssl x509 -in "$ca_crt" -noout 2>/dev/null || die "$ca_crt is not a PEM certificate; use --force to create a new CA"
  [[ -n "$(pubkey_of_key "$ca_key")" ]] || die "$ca_key is not a readable private key; use --force to create a new CA"
  [[ "$(pubkey_of_cert "$ca_crt")" == "$(pubkey_of_key "$ca_key")" ]] \
    || die "$ca_key does not match $ca_crt; use --force to create a new CA"
  openssl x509 -in "$ca_crt" -noout -ext basicConstraints 2>/dev/null | grep -q 'CA:TRUE' \
    || die "$ca_crt is not a CA certificate (no CA:TRUE); use --force to create a new CA"
  # A serving certificate outliving its CA would fail verification before its own expiry.
  openssl x509 -in "$ca_crt" -noout -checkend $((days * 86400)) >/dev/null 2>&1 \
    || die "the existing CA $ca_crt expires ($(openssl x509 -in "$ca_crt" -noout -enddate | cut -d= -f2)) before a $days-day serving certificate would; use --force to create a new CA (then re-patch caBundle) or lower --days"
  reuse_ca=true
  info "reusing the existing CA in $out (ca.crt and ca.key unchanged; the registered caBundle stays valid); issuing a new serving certificate. Use --force to replace the CA."
  $ca_days_given && info "note: --ca-days is ignored because the existing CA is reused"
else
  $force && [[ -e "$ca_crt" ]] && info "--force: replacing the existing CA in $out; re-run patch-ca-bundle.sh so the webhook configurations trust the new CA"
  new_key "$work/ca.key"
  openssl req -x509 -new -sha256 -config "$work/openssl.cnf" -extensions v3_ca \
    -key "$work/ca.key" -subj "/O=connectgate/CN=$service.$namespace webhook CA" \
    -days "$ca_days" -set_serial "$(serial)" -out "$work/ca.crt" 2>"$work/err" \
    || { cat "$work/err" >&2; die "openssl could not create the CA certificate"; }
  ca_crt="$work/ca.crt" ca_key="$work/ca.key"
fi

new_key "$work/tls.key"
openssl req -new -sha256 -config "$work/openssl.cnf" -key "$work/tls.key" \
  -subj "/CN=$fqdn_svc" -out "$work/tls.csr" 2>"$work/err" \
  || { cat "$work/err" >&2; die "openssl could not create the certificate request"; }
openssl x509 -req -sha256 -in "$work/tls.csr" -CA "$ca_crt" -CAkey "$ca_key" \
  -set_serial "$(serial)" -days "$days" -extfile "$work/openssl.cnf" -extensions v3_leaf \
  -out "$work/tls.crt" 2>"$work/err" \
  || { cat "$work/err" >&2; die "openssl could not sign the serving certificate"; }
openssl verify -CAfile "$ca_crt" "$work/tls.crt" >/dev/null 2>"$work/err" \
  || { cat "$work/err" >&2; die "the new serving certificate does not verify against the CA"; }

chmod 0600 "$work/tls.key"
chmod 0644 "$work/tls.crt"
if ! $reuse_ca; then
  chmod 0600 "$work/ca.key"
  chmod 0644 "$work/ca.crt"
  mv -f "$work/ca.key" "$out/ca.key"
  mv -f "$work/ca.crt" "$out/ca.crt"
fi
mv -f "$work/tls.key" "$out/tls.key"
mv -f "$work/tls.crt" "$out/tls.crt"

b64() { openssl base64 -A -in "$1"; }
secret_manifest() {
  cat <<EOF
apiVersion: v1
kind: Secret
metadata:
  name: $secret_name
  namespace: $namespace
  labels:
    app.kubernetes.io/name: $service
type: kubernetes.io/tls
data:
  ca.crt: $(b64 "$out/ca.crt")
  tls.crt: $(b64 "$out/tls.crt")
  tls.key: $(b64 "$out/tls.key")
EOF
}

if $reuse_ca; then written="$out/tls.crt, $out/tls.key"; else written="$out/ca.crt, $out/ca.key, $out/tls.crt, $out/tls.key"; fi
info "wrote $written (SANs: $service, $service.$namespace, $fqdn_svc, $fqdn_svc.cluster.local; valid $days days)"
if [[ -n "$secret_yaml" ]]; then
  secret_manifest >"$work/secret.yaml"
  chmod 0600 "$work/secret.yaml"
  mv -f "$work/secret.yaml" "$secret_yaml" || die "cannot write $secret_yaml"
  info "wrote Secret $namespace/$secret_name manifest to $secret_yaml (contains the private key)"
elif [[ -t 1 ]]; then
  info "not printing the Secret manifest to a terminal (it contains the private key): pipe stdout to 'kubectl apply -f -' or use --secret-yaml FILE"
else
  secret_manifest
fi
info "next: patch-ca-bundle.sh --ca $out/ca.crt --webhook <webhook-configuration-name>"
