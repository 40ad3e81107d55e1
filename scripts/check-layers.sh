#!/usr/bin/env bash
# Fails on an #include that breaks the layering (see README, "How it works"):
#   executable (app/*.cpp) -> ui, cli, demo -> history wing (app/history)
#   -> core (app/smh, app/tasks)
# The core includes no widgets, no front end, no demo code and nothing of the
# history wing; the wing reaches the engine only through its public headers;
# the widgets, the headless commands and the simulator include the core (and
# the wing) and nothing of each other.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
forbid() { # forbid DESCRIPTION PATTERN DIR...
    local what=$1 pattern=$2
    shift 2
    local hits
    hits=$(grep -rnE --include='*.h' --include='*.cpp' "$pattern" "$@" || true)
    if [[ -n $hits ]]; then
        echo "check-layers: $what:" >&2
        echo "$hits" >&2
        status=1
    fi
}

core=(app/smh app/tasks)
forbid "the core includes a front end, the demo or widgets" \
    '#include *[<"]((ui|cli|demo)/|Q(Widget|Application|MainWindow|Dialog|MessageBox)|QtWidgets)' "${core[@]}"
forbid "the core includes the executable's start-up" '#include *"(windowstartup|translations|smhresources)\.h"' "${core[@]}"
forbid "the task engine includes the history wing" '#include *"history/' "${core[@]}"
# The engine's public headers: the door (Monitor), tasks and their states,
# the ledger (a wing adds its own schema part, written once for SQLite and
# PostgreSQL through ledgersql), its write transaction, the
# export format and the one way times are shown (displaytext). The
# scheduler, the planner, the adder and the rest are the engine's own.
hits=$(grep -rnE --include='*.h' --include='*.cpp' '#include *"tasks/' app/history \
    | grep -vE '"tasks/(monitor|task|taskstate|taskstore|ledgersql|writetransaction|exporter|displaytext)\.h"' || true)
if [[ -n $hits ]]; then
    echo "check-layers: the history wing includes a private header of the engine:" >&2
    echo "$hits" >&2
    status=1
fi
forbid "the history wing includes a front end, the demo or widgets" \
    '#include *[<"]((ui|cli|demo)/|Q(Widget|Application|MainWindow|Dialog|MessageBox)|QtWidgets)' app/history
forbid "the widgets include the headless commands or the demo" '#include *"(cli|demo)/' ui
forbid "the headless commands include widgets or the demo" \
    '#include *[<"]((ui|demo)/|QtWidgets|QApplication|QWidget)' app/cli
forbid "the simulator includes widgets or a front end" '#include *[<"]((ui|cli)/|QtWidgets|QWidget)' app/demo
# Includes name their library: a bare "x.h" of another folder would hide a
# dependency.
hits=$(grep -rnE --include='*.h' --include='*.cpp' '#include "[a-z]+\.h"' app/smh app/tasks app/history app/cli app/demo ui \
    | grep -vE '"(smhresources|translations)\.h"' || true) # resources/ is a library of its own
if [[ -n $hits ]]; then
    echo "check-layers: an include does not name its library:" >&2
    echo "$hits" >&2
    status=1
fi

# The link graph says the same: only the executable links everything.
if grep -nE 'target_link_libraries\(smhcore[^)]*(smhui|smhcli|smhdemo|smhhistory)' app/CMakeLists.txt >&2; then
    echo "check-layers: smhcore links a layer above it" >&2
    status=1
fi
if grep -nE 'target_link_libraries\(smhhistory[^)]*(smhui|smhcli|smhdemo)' app/CMakeLists.txt >&2; then
    echo "check-layers: the history wing links a layer above it" >&2
    status=1
fi
if grep -nE 'target_link_libraries\(smhui[^)]*(smhcli|smhdemo)' ui/CMakeLists.txt >&2; then
    echo "check-layers: smhui links the headless commands or the demo" >&2
    status=1
fi
if ((status == 0)); then
    echo "check-layers: the layers hold"
fi
exit $status
