#!/usr/bin/env bash
# Provisions the binaries of the end-to-end test control plane: etcd and kube-apiserver.
# See --help. Idempotent: a second run finds everything in the cache and returns at once.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/test-control-plane.sh [--help]

Makes sure etcd and kube-apiserver are available for the end-to-end tests and prints,
as its last line of standard output, the directory that holds both (export it as
KUBE_API_TEST_DIR). Progress goes to standard error.

Where the binaries come from, first match wins:
  1. $KUBE_API_TEST_DIR or $KUBEBUILDER_ASSETS (envtest-style asset folders) holding both;
  2. the cache ($CONNECTGATE_CACHE_DIR, default ~/.cache/connectgate), filled by an earlier run;
  3. etcd and kube-apiserver on PATH;
  4. otherwise: etcd from Debian's etcd-server package, and kube-apiserver built from
     Debian's `kubernetes` source package (Kubernetes 1.20 with vendor/) with Debian's
     golang-1.19-go, its vendored reflect2 1.0.1 replaced by Debian's 1.0.2 (1.0.1 crashes
     under Go 1.18+ as soon as a mutating webhook returns a patch). The build runs once
     (about 7 minutes on 2 cores, up to 15 when the machine is busy) and is cached; a
     cached kube-apiserver built by an older version of this recipe is rebuilt.

Step 4 needs root (or sudo) for apt-get; it adds a deb-src entry derived from the
machine's own apt sources.

Environment:
  CONNECTGATE_CACHE_DIR   cache directory (default: ${XDG_CACHE_HOME:-~/.cache}/connectgate)
  CONNECTGATE_KEEP_SOURCE 1 keeps the Kubernetes source tree (~2 GB) after the build
  KUBE_API_TEST_DIR       directory with prebuilt etcd and kube-apiserver
  KUBEBUILDER_ASSETS      envtest asset directory with etcd and kube-apiserver
EOF
}

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") ;;
  *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
esac

CACHE_DIR="${CONNECTGATE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/connectgate}"
BIN_DIR="$CACHE_DIR/bin"
SRC_DIR="$CACHE_DIR/src"
SRC_LIST=/etc/apt/sources.list.d/connectgate-deb-src.sources
# Version of the build recipe below, recorded next to the binary it built. Bump it when the
# recipe changes what gets built; a cached binary with an older stamp is rebuilt (and refused
# by the e2e fixture: keep KubeBinaries.BUILD_RECIPE in step).
#   2: vendored github.com/modern-go/reflect2 1.0.1 replaced by 1.0.2 (see build_apiserver)
BUILD_RECIPE=2
RECIPE_STAMP="$BIN_DIR/.kube-apiserver-recipe"

log() { echo "[test-control-plane] $(date +%H:%M:%S) $*" >&2; }
die() { echo "[test-control-plane] ERROR: $*" >&2; exit 1; }

has_both() { [[ -n "$1" && -x "$1/etcd" && -x "$1/kube-apiserver" ]]; }

# True when $1 is the cache and its kube-apiserver was built here by an older recipe (a
# binary linked in from elsewhere is never second-guessed).
stale_build() {
  [[ -d "$1" && -d "$BIN_DIR" ]] || return 1
  [[ "$(cd "$1" && pwd -P)" == "$(cd "$BIN_DIR" && pwd -P)" ]] || return 1
  [[ -f "$BIN_DIR/kube-apiserver" && ! -L "$BIN_DIR/kube-apiserver" ]] || return 1
  [[ "$(cat "$RECIPE_STAMP" 2>/dev/null)" != "$BUILD_RECIPE" ]]
}

ready() { has_both "$1" && ! stale_build "$1"; }

finish() {
  log "etcd:           $("$1/etcd" --version 2>/dev/null | head -n1 || echo '?')"
  log "kube-apiserver: $("$1/kube-apiserver" --version 2>/dev/null || echo '?')"
  log "binaries ready in $1 (export KUBE_API_TEST_DIR=$1)"
  echo "$1"
  exit 0
}

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root or sudo to run: $*"; fi
}

APT_UPDATED=0
apt_update_once() {
  if [[ $APT_UPDATED -eq 0 ]]; then
    log "apt-get update"
    as_root apt-get update -qq || die "apt-get update failed"
    APT_UPDATED=1
  fi
}

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  apt_update_once
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || die "apt-get install ${missing[*]} failed"
}

# --- 1-3: binaries already present ---------------------------------------------------------
for dir in "${KUBE_API_TEST_DIR:-}" "${KUBEBUILDER_ASSETS:-}" "$BIN_DIR"; do
  if ready "$dir"; then finish "$(cd "$dir" && pwd)"; fi
done

mkdir -p "$BIN_DIR"
# One provisioning at a time per cache (engineers and CI share the machine); whoever waited
# finds the other's result below.
exec 9>"$CACHE_DIR/.lock"
if ! flock -n 9; then
  log "another run is provisioning $CACHE_DIR; waiting for it"
  flock 9
fi
ready "$BIN_DIR" && finish "$BIN_DIR"

link_into_cache() { ln -sf "$1" "$BIN_DIR/$2"; log "using $1 as $2"; }

for name in etcd kube-apiserver; do
  [[ -x "$BIN_DIR/$name" ]] && continue
  for dir in "${KUBE_API_TEST_DIR:-}" "${KUBEBUILDER_ASSETS:-}"; do
    if [[ -n "$dir" && -x "$dir/$name" ]]; then link_into_cache "$dir/$name" "$name"; break; fi
  done
  [[ -x "$BIN_DIR/$name" ]] && continue
  if found=$(command -v "$name"); then link_into_cache "$found" "$name"; fi
done
ready "$BIN_DIR" && finish "$BIN_DIR"

# --- 4a: etcd from Debian --------------------------------------------------------------------
if [[ ! -x "$BIN_DIR/etcd" ]]; then
  apt_install etcd-server
  [[ -x /usr/bin/etcd ]] || die "etcd-server is installed but /usr/bin/etcd is missing"
  link_into_cache /usr/bin/etcd etcd
fi

# --- 4b: kube-apiserver from Debian's kubernetes source package -----------------------------
enable_deb_src() {
  if apt-cache showsrc kubernetes >/dev/null 2>&1 && [[ -n "$(apt-cache showsrc kubernetes 2>/dev/null)" ]]; then
    return 0
  fi
  log "deriving deb-src entries from the machine's apt sources"
  local tmp
  tmp=$(mktemp)
  # deb822 files: each stanza whose Types has "deb" is repeated with Types: deb-src.
  shopt -s nullglob
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ "$f" == "$SRC_LIST" ]] && continue
    awk '
      function flush() { if (stanza != "" && isdeb) print stanza "\n"; stanza = ""; isdeb = 0 }
      /^[[:space:]]*$/ { flush(); next }
      /^#/ { next }
      /^Types:/ { isdeb = ($0 ~ /(^|[[:space:]])deb([[:space:]]|$)/); stanza = stanza "Types: deb-src\n"; next }
      /^Enabled:[[:space:]]*no/ { isdeb = 0 }
      { stanza = stanza $0 "\n" }
      END { flush() }' "$f" >>"$tmp"
  done
  # one-line style: "deb [opts] URI suite comps" becomes a deb-src line (in deb822 form).
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "$f" ]] || continue
    awk '
      $1 == "deb" {
        i = 2; signed = ""
        if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) { if ($i ~ /signed-by=/) signed = $i; i++ }
                          if ($i ~ /signed-by=/) signed = $i; i++ }
        gsub(/^\[|\]$|signed-by=/, "", signed)
        comps = ""; for (j = i + 2; j <= NF; j++) comps = comps (comps == "" ? "" : " ") $j
        printf "Types: deb-src\nURIs: %s\nSuites: %s\nComponents: %s\n", $i, $(i + 1), comps
        if (signed != "") printf "Signed-By: %s\n", signed
        print ""
      }' "$f" >>"$tmp"
  done
  shopt -u nullglob
  [[ -s "$tmp" ]] || die "found no 'deb' entries in /etc/apt/sources.list* to derive deb-src from"
  as_root install -m 0644 "$tmp" "$SRC_LIST"
  rm -f "$tmp"
  log "wrote $SRC_LIST"
  # Third-party repositories often publish no sources, which makes apt-get update fail for
  # them; what matters is whether Debian's kubernetes source package became visible.
  log "apt-get update (with deb-src)"
  as_root apt-get update -qq \
    || log "apt-get update reported errors (a repository without sources?); checking for the package anyway"
  APT_UPDATED=1
  [[ -n "$(apt-cache showsrc kubernetes 2>/dev/null)" ]] \
    || die "no source package 'kubernetes' in the apt sources, even with deb-src enabled"
}

fetch_source() {
  local tree
  tree=$(find "$SRC_DIR" -mindepth 1 -maxdepth 1 -type d -name 'kubernetes-*' 2>/dev/null | head -n1)
  if [[ -n "$tree" && -f "$tree/.connectgate-extracted" ]]; then echo "$tree"; return 0; fi
  enable_deb_src
  apt_install dpkg-dev
  rm -rf "$SRC_DIR"
  mkdir -p "$SRC_DIR"
  log "apt-get source kubernetes (into $SRC_DIR)"
  (cd "$SRC_DIR" && apt-get source -qq kubernetes >&2) || die "apt-get source kubernetes failed"
  tree=$(find "$SRC_DIR" -mindepth 1 -maxdepth 1 -type d -name 'kubernetes-*' | head -n1)
  [[ -n "$tree" && -d "$tree/vendor" && -f "$tree/Makefile" ]] \
    || die "the kubernetes source package did not unpack to a tree with Makefile and vendor/"
  touch "$tree/.connectgate-extracted"
  echo "$tree"
}

# Kubernetes 1.20 vendors github.com/modern-go/reflect2 1.0.1, which reads Go's map internals
# with a layout that changed in Go 1.18: built with Go 1.19, kube-apiserver dies with "fatal
# error: fault" (SIGSEGV in runtime.mapiterinit via json-iterator's sortKeysMapEncoder) the
# first time a mutating webhook returns a JSONPatch (the patch audit annotation). reflect2
# 1.0.2 fixed exactly this and keeps the API; Debian packages it. Only the vendored files are
# swapped; vendor/modules.txt still says 1.0.1, which -mod=vendor does not compare with files.
patch_reflect2() {
  local tree=$1 fixed=/usr/share/gocode/src/github.com/modern-go/reflect2
  local vendored="$tree/vendor/github.com/modern-go/reflect2"
  apt_install golang-github-modern-go-reflect2-dev
  [[ -f "$fixed/go_above_118.go" ]] || die "$fixed has no go_above_118.go: not reflect2 1.0.2 or later"
  [[ -d "$vendored" ]] || die "no vendored reflect2 in $tree; has the source package changed?"
  if [[ ! -f "$vendored/go_above_118.go" ]]; then
    log "replacing vendored reflect2 1.0.1 with Debian's $(dpkg-query -W -f='${Version}' golang-github-modern-go-reflect2-dev)"
    rsync -a --delete --exclude go.mod --exclude '*_test.go' "$fixed/" "$vendored/"
  fi
}

build_apiserver() {
  apt_install golang-1.19-go rsync make gcc
  local tree goroot
  tree=$(fetch_source)
  patch_reflect2 "$tree"
  goroot=/usr/lib/go-1.19
  [[ -x "$goroot/bin/go" ]] || die "golang-1.19-go is installed but $goroot/bin/go is missing"
  log "building kube-apiserver in $tree (once; about 7-15 minutes on 2 cores)"
  local start=$SECONDS
  (
    cd "$tree"
    export PATH="$goroot/bin:$PATH" GOROOT="$goroot"
    # Offline: everything comes from vendor/; the tree sets up its own GOPATH under _output.
    export GOPROXY=off GOTOOLCHAIN=local GOFLAGS="${CONNECTGATE_GOFLAGS:--mod=vendor}"
    export GOCACHE="$CACHE_DIR/gocache" GOPATH="$CACHE_DIR/gopath"
    # No .git in a source package: stamp the version from the package's upstream version
    # (1.20.5+really1.20.2 -> v1.20.2) so clients see a real server version.
    local upstream=${tree##*/kubernetes-}
    upstream=${upstream##*really}
    export KUBE_GIT_VERSION="v${upstream%%[-+~]*}" KUBE_GIT_TREE_STATE=clean CGO_ENABLED=0
    make WHAT=cmd/kube-apiserver >&2
  ) || die "make WHAT=cmd/kube-apiserver failed (log above)"
  local built
  built=$(find "$tree/_output" -type f -name kube-apiserver -perm -u+x | head -n1)
  [[ -n "$built" ]] || die "the build finished but no kube-apiserver binary is under $tree/_output"
  cp "$built" "$BIN_DIR/kube-apiserver.tmp"
  # Renaming over the old binary leaves a control plane still running it undisturbed.
  mv -f "$BIN_DIR/kube-apiserver.tmp" "$BIN_DIR/kube-apiserver"
  echo "$BUILD_RECIPE" >"$RECIPE_STAMP"
  log "built kube-apiserver in $((SECONDS - start)) s"
  # The tree and its build cache take ~2 GB; only the binary is needed from now on.
  if [[ "${CONNECTGATE_KEEP_SOURCE:-0}" != 1 ]]; then
    log "removing the build tree $SRC_DIR (set CONNECTGATE_KEEP_SOURCE=1 to keep it)"
    rm -rf "$SRC_DIR"
  fi
}

if [[ ! -x "$BIN_DIR/kube-apiserver" ]] || stale_build "$BIN_DIR"; then
  stale_build "$BIN_DIR" && log "cached kube-apiserver was built by an older recipe (before $BUILD_RECIPE); rebuilding"
  build_apiserver
fi

if ! command -v kubectl >/dev/null; then
  apt_install kubernetes-client
fi

ready "$BIN_DIR" || die "etcd or kube-apiserver still missing (or stale) in $BIN_DIR"
finish "$BIN_DIR"
