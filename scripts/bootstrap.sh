#!/bin/sh
# Creates (or repairs) the project's virtual environment and installs CareCenter
# into it in editable mode with the dev tools: the first half of `make run` and
# `make test` on a fresh Debian/Ubuntu machine.
#
#   scripts/bootstrap.sh VENV_DIR
#
# Picks the first Python >= 3.11 among $PYTHON, python3, python3.14 ... python3.11.
# Debian and Ubuntu ship Python without venv/ensurepip (packages python3.X-venv):
# as root the script installs it with apt-get, otherwise it prints the exact
# sudo command and stops. Exit status: 0 ready, 1 the user must act.
set -eu

venv=${1:-.venv}
MIN_MINOR=11

say() { printf '%s\n' "$*" >&2; }

# Prints "3 11" for an interpreter, nothing if it does not run.
version_of() {
    "$1" -c 'import sys; print(sys.version_info[0], sys.version_info[1])' 2>/dev/null || true
}

is_recent() {
    set -- $(version_of "$1")
    [ "${1:-0}" -eq 3 ] && [ "${2:-0}" -ge "$MIN_MINOR" ]
}

# apt-get install as root, refreshing empty or stale package lists when needed.
apt_install() {
    export DEBIAN_FRONTEND=noninteractive
    if ! ls /var/lib/apt/lists/*_Packages* >/dev/null 2>&1; then
        apt-get update
    fi
    apt-get install -y --no-install-recommends "$@" || { apt-get update && apt-get install -y --no-install-recommends "$@"; }
}

can_apt() { [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; }

# ---------------------------------------------------------------- pick Python
python=""
for candidate in ${PYTHON:-} python3 python3.14 python3.13 python3.12 python3.11; do
    if command -v "$candidate" >/dev/null 2>&1 && is_recent "$candidate"; then
        python=$candidate
        break
    fi
done
if [ -z "$python" ]; then
    found=$(python3 --version 2>&1 || echo "no python3")
    say "CareCenter needs Python 3.11 or newer (found: $found)."
    say "需要 Python 3.11 或更新版本（当前：$found）。"
    say "On Debian 12 / Ubuntu 24.04 the system python3 is new enough. On Ubuntu 22.04:"
    say "    sudo apt-get install -y python3.11 python3.11-venv"
    exit 1
fi

# ---------------------------------------------------------------- venv support
if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    set -- $(version_of "$python")
    package="python$1.$2-venv"
    if can_apt; then
        say "Installing $package (Python's venv module) ..."
        apt_install "$package"
    else
        say "Python's venv module is missing: it comes in the Debian/Ubuntu package $package."
        say "缺少 Python 的 venv 模块（软件包 $package）。请运行："
        say "    sudo apt-get install -y $package"
        exit 1
    fi
fi

# ---------------------------------------------------------------- the venv
if [ -e "$venv" ] && ! { [ -x "$venv/bin/pip" ] && is_recent "$venv/bin/python"; }; then
    # Half-made (venv creation failed without ensurepip) or built on an old Python.
    if [ -f "$venv/pyvenv.cfg" ]; then
        say "Recreating $venv (it is incomplete or uses Python older than 3.$MIN_MINOR)."
        rm -rf "$venv"
    else
        say "$venv exists but is not a virtual environment: move it away and run make again."
        exit 1
    fi
fi
quiet=--quiet
if [ ! -e "$venv" ]; then
    say "Creating $venv with $python ($("$python" --version 2>&1)) ..."
    "$python" -m venv "$venv"
    quiet=""  # the first install downloads Qt (~200 MB): show that it progresses
fi

export PIP_DISABLE_PIP_VERSION_CHECK=1
if [ -n "${CI:-}" ] || [ ! -t 1 ]; then
    export PIP_PROGRESS_BAR=off
fi
say "Installing CareCenter and its dev tools into $venv ..."
"$venv/bin/python" -m pip install $quiet --editable '.[dev]'
