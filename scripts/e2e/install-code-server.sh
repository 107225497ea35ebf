#!/usr/bin/env bash
# Installs what the end-to-end suite needs, outside the repo and only when missing:
# code-server (VS Code's workbench + Node extension host, from the npm registry) and, where we
# are root with apt, Debian's Chromium, ripgrep and the headers code-server's native modules need.
# See /work/shared/recipes/vscode-web-e2e.md. Idempotent: a second run only checks.
set -euo pipefail

VERSION=4.100.3
CACHE="${EQUILENS_E2E_CACHE:-$HOME/.cache/equilens-e2e}"
MARKER="$CACHE/.installed-code-server-$VERSION"

say() { echo "install-code-server: $*"; }
die() { echo "install-code-server: error: $*" >&2; exit 1; }

# ── system packages ───────────────────────────────────────────────────────────────
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)
command -v pkg-config >/dev/null || missing+=(pkg-config)
[[ -e /usr/include/krb5.h || -e /usr/include/krb5/krb5.h ]] || missing+=(libkrb5-dev)
[[ -e /usr/include/X11/extensions/XKBfile.h ]] || missing+=(libxkbfile-dev)
[[ -e /usr/include/libsecret-1/libsecret/secret.h ]] || missing+=(libsecret-1-dev)

if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    say "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || die "apt-get update failed (is a Debian mirror reachable?)"
    # Install the whole set: their dependencies overlap and apt skips what is present.
    apt-get install -y -qq chromium ripgrep libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config \
      || die "apt-get install failed"
  else
    die "missing ${missing[*]}; install them (apt-get install -y chromium ripgrep libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config) or run as root"
  fi
else
  say "system packages present (chromium, ripgrep, headers)"
fi

# ── code-server ─────────────────────────────────────────────────────────────────
if [[ -f "$MARKER" && -x "$CACHE/node_modules/.bin/code-server" ]]; then
  say "code-server $VERSION already in $CACHE"
  exit 0
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
[[ "$node_major" == 20 ]] || die "code-server $VERSION needs Node 20, found $(node -v)"

# @vscode/ripgrep's install script downloads rg from GitHub unless its cache holds the tarball:
# seed the cache with Debian's rg.
tmp="${TMPDIR:-/tmp}"
rg_cache="$tmp/vscode-ripgrep-cache-1.15.11"
rg_tar="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [[ ! -f "$rg_tar" ]]; then
  say "seeding $rg_tar with $(command -v rg)"
  mkdir -p "$rg_cache"
  rg_dir=$(mktemp -d)
  cp "$(command -v rg)" "$rg_dir/rg"
  tar czf "$rg_tar" -C "$rg_dir" rg
  rm -rf "$rg_dir"
fi

say "npm install code-server@$VERSION into $CACHE (about 4 minutes on 2 cores)"
mkdir -p "$CACHE"
cd "$CACHE"
[[ -f package.json ]] || echo '{ "name": "equilens-e2e-cache", "private": true }' > package.json
start=$SECONDS
npm_config_yes=true npm install --unsafe-perm --no-audit --no-fund --no-save "code-server@$VERSION" \
  || die "npm install code-server@$VERSION failed (see the npm log above)"
[[ -x node_modules/.bin/code-server ]] || die "node_modules/.bin/code-server missing after install"
# code-server's postinstall installs VS Code's own modules; npm may skip install scripts.
vscode_modules=node_modules/code-server/lib/vscode/node_modules
[[ -x $vscode_modules/@vscode/ripgrep/bin/rg && -f $vscode_modules/node-pty/build/Release/pty.node ]] \
  || die "code-server's postinstall did not run or failed (no $vscode_modules/@vscode/ripgrep/bin/rg or node-pty build); npm blocking install scripts?"
node_modules/.bin/code-server --version >/dev/null || die "code-server --version failed"
touch "$MARKER"
say "installed code-server $VERSION in $((SECONDS - start)) s"
