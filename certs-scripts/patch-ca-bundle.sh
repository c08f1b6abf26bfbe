#!/usr/bin/env bash
# Sets clientConfig.caBundle on every webhook of the named Validating/Mutating
# WebhookConfigurations with one JSON Patch per object.
#
# Exit codes: 0 done, 1 operation failed (kubectl error, configuration not found), 2 usage error.
set -euo pipefail

PROG=$(basename "$0")
KUBECTL=${KUBECTL:-kubectl}

usage() {
  cat <<EOF
Usage: $PROG --ca FILE --webhook NAME... [options]

Sets clientConfig.caBundle (base64 of the CA PEM file, no line wraps) on EVERY webhook
of each named ValidatingWebhookConfiguration and/or MutatingWebhookConfiguration, using
'kubectl patch --type=json' with one "add" operation per webhook index. ("add" on an
existing member replaces it, so the same patch works whether caBundle is set or not.)

Options:
  --ca FILE             CA certificate (PEM) that signed the webhook's serving certificate,
                        e.g. the ca.crt written by gen-certs.sh. Required.
  --webhook NAME...     Name of a webhook configuration. Repeatable; several names may
                        follow one --webhook. At least one is required.
  --kind KIND           validating, mutating or auto [auto]. auto patches every kind under
                        which NAME exists (a name that exists as both kinds gets both
                        patched); a name that exists under none of the kinds looked at is an
                        error, and then nothing at all is patched.
  --dry-run             Do not patch: print each JSON Patch on stdout (one line per
                        object, JSON Lines) and, on stderr, which object it is for. Still
                        reads the cluster to count webhooks unless --webhooks-count is given.
  --webhooks-count N    Offline dry-run: assume each named configuration has N webhooks and
                        do not call kubectl at all. Requires --dry-run. With --kind auto the
                        kind is not known offline and is reported as "webhookconfiguration".
  --kubeconfig FILE     Passed to kubectl.
  --context NAME        Passed to kubectl.
  -h, --help            Show this help and exit.

Environment: KUBECTL names the kubectl binary [kubectl].

The number of webhooks is read with
  kubectl get KIND NAME --ignore-not-found -o jsonpath='found:{range .webhooks[*]}x{end}'
All names are resolved before anything is patched.

Exit codes: 0 success, 1 failure (not found, kubectl error), 2 usage error.
EOF
}

die_usage() { echo "$PROG: error: $*" >&2; echo "Try '$PROG --help'." >&2; exit 2; }
die() { echo "$PROG: error: $*" >&2; exit 1; }
info() { echo "$PROG: $*" >&2; }

need_value() {
  if [[ $# -lt 2 || -z "$2" || "$2" == -* ]]; then die_usage "option $1 requires a value"; fi
}

is_dns1123_subdomain() {
  [[ ${#1} -le 253 && "$1" =~ ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ ]]
}

ca="" kind="auto" dry_run=false count="" 
webhooks=() kube_args=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --ca) need_value "$@"; ca=$2; shift 2 ;;
    --webhook)
      need_value "$@"; shift
      while [[ $# -gt 0 && "$1" != -* ]]; do webhooks+=("$1"); shift; done ;;
    --kind) need_value "$@"; kind=$2; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    --webhooks-count) need_value "$@"; count=$2; shift 2 ;;
    --kubeconfig) need_value "$@"; kube_args+=(--kubeconfig "$2"); shift 2 ;;
    --context) need_value "$@"; kube_args+=(--context "$2"); shift 2 ;;
    --*=*) set -- "${1%%=*}" "${1#*=}" "${@:2}" ;;
    *) die_usage "unknown argument: $1" ;;
  esac
done

problems=()
if [[ -z "$ca" ]]; then
  problems+=("--ca is required")
elif [[ ! -f "$ca" || ! -r "$ca" ]]; then
  problems+=("--ca '$ca' is not a readable file")
fi
[[ ${#webhooks[@]} -gt 0 ]] || problems+=("at least one --webhook NAME is required")
for w in "${webhooks[@]}"; do
  is_dns1123_subdomain "$w" || problems+=("--webhook '$w' is not a valid object name (DNS-1123 subdomain)")
done
case "$kind" in
  auto) kinds=(validatingwebhookconfiguration mutatingwebhookconfiguration) ;;
  validating) kinds=(validatingwebhookconfiguration) ;;
  mutating) kinds=(mutatingwebhookconfiguration) ;;
  *) problems+=("--kind '$kind' must be validating, mutating or auto") ;;
esac
if [[ -n "$count" ]]; then
  [[ "$count" =~ ^[1-9][0-9]{0,3}$ ]] || problems+=("--webhooks-count '$count' is not a positive integer (at most 9999)")
  $dry_run || problems+=("--webhooks-count only works with --dry-run (without a cluster nothing can be patched)")
fi
if [[ ${#problems[@]} -gt 0 ]]; then
  for p in "${problems[@]}"; do echo "$PROG: error: $p" >&2; done
  echo "Try '$PROG --help'." >&2
  exit 2
fi

command -v openssl >/dev/null 2>&1 || die "openssl not found on PATH; install it (e.g. apt-get install openssl)"
# A wrong file here would break every admission call, so check it really is a certificate.
openssl x509 -in "$ca" -noout 2>/dev/null || die "--ca '$ca' is not a PEM certificate"
if ! openssl x509 -in "$ca" -noout -ext basicConstraints 2>/dev/null | grep -q 'CA:TRUE'; then
  info "warning: $ca is not marked CA:TRUE; the API server can still trust it directly if it is the serving certificate itself"
fi
openssl x509 -in "$ca" -noout -checkend 0 >/dev/null 2>&1 || die "--ca '$ca' has expired"
ca_bundle=$(openssl base64 -A -in "$ca")

# Targets are "KIND NAME COUNT"; all resolved before any patch so a typo patches nothing.
targets=() missing=()
for w in "${webhooks[@]}"; do
  if [[ -n "$count" ]]; then
    if [[ "$kind" == auto ]]; then targets+=("webhookconfiguration $w $count")
    else targets+=("${kinds[0]} $w $count"); fi
    continue
  fi
  found=false
  for k in "${kinds[@]}"; do
    # Prints nothing for a missing object, "found:" plus one x per webhook otherwise.
    if ! out=$("$KUBECTL" get "$k" "$w" --ignore-not-found \
        -o "jsonpath=found:{range .webhooks[*]}x{end}" ${kube_args[@]+"${kube_args[@]}"}); then
      die "kubectl get $k $w failed (see above)"
    fi
    [[ -n "$out" ]] || continue
    [[ "$out" =~ ^found:(x*)$ ]] || die "unexpected output from kubectl get $k $w: $out"
    found=true
    targets+=("$k $w ${#BASH_REMATCH[1]}")
  done
  $found || missing+=("$w")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  die "no $(IFS=/; echo "${kinds[*]}") named: ${missing[*]}; nothing was patched"
fi

json_patch() {
  local n=$1 i sep="" p="["
  for ((i = 0; i < n; i++)); do
    p+="$sep{\"op\":\"add\",\"path\":\"/webhooks/$i/clientConfig/caBundle\",\"value\":\"$ca_bundle\"}"
    sep=","
  done
  echo "$p]"
}

for t in "${targets[@]}"; do
  read -r k w n <<<"$t"
  if [[ "$n" -eq 0 ]]; then
    info "warning: $k/$w has no webhooks; nothing to patch"
    continue
  fi
  patch=$(json_patch "$n")
  if $dry_run; then
    info "dry-run: would patch $k/$w: caBundle on $n webhook(s)"
    echo "$patch"
  else
    "$KUBECTL" patch "$k" "$w" --type=json -p "$patch" ${kube_args[@]+"${kube_args[@]}"} >&2 \
      || die "kubectl patch $k $w failed (see above)"
    info "patched $k/$w: caBundle on $n webhook(s)"
  fi
done
