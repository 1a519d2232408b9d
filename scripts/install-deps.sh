#!/bin/sh
# Installs the Debian packages storyline needs that are missing.
# usage: scripts/install-deps.sh [build|test|lint|fuzz|memcheck]...   (default: build)
# Not root: prints the apt-get command to run instead, and fails.
set -eu

build="gcc make cmake pkg-config libc6-dev libutf8proc-dev libstemmer-dev
libsqlite3-dev libjansson-dev zlib1g-dev libzstd-dev libxxhash-dev
libmicrohttpd-dev libcmocka-dev"
lint="clang-format clang-tidy"
fuzz="clang libclang-rt-dev"
memcheck="valgrind"
# What the CLI and real-data tests run besides storyline (util-linux's
# flock, setpriv and script are essential, so always there).
test="jq sqlite3 python3"

want=""
[ $# -eq 0 ] && set -- build
for group in "$@"; do
  case "$group" in
    build) want="$want $build" ;;
    test) want="$want $build $test" ;;
    lint) want="$want $build $lint" ;;
    fuzz) want="$want $build $fuzz" ;;
    memcheck) want="$want $build $memcheck" ;;
    *) echo "install-deps: unknown group '$group' (build, test, lint, fuzz, memcheck)" >&2; exit 2 ;;
  esac
done

missing=""
for pkg in $want; do
  case " $missing " in *" $pkg "*) continue ;; esac
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
    missing="$missing $pkg"
  fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=sudo
  else
    echo "install-deps: missing packages:$missing" >&2
    echo "install-deps: run: sudo apt-get update && sudo apt-get install -y$missing" >&2
    exit 1
  fi
else
  SUDO=""
fi
echo "install-deps: installing$missing" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
