#!/usr/bin/env bash
# The fault suite on its own (tests/Tasklane.Tests/Faults): the ledger under SIGKILLs, Postgres restarted mid-load,
# a poison message, the OpenAPI fuzz, the object store down. ./test.sh runs the same tests in their short form;
#   ./chaos.sh          short form (what CI runs, a few minutes)
#   ./chaos.sh --full   full form (TASKLANE_FAULTS=full: 5,000 ledger writes, more fuzz cases)
# Everything runs against throw-away servers on 127.0.0.1; results and figures: docs/reliability.md.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
if [[ ${1:-} == --full ]]; then
  export TASKLANE_FAULTS=full
  shift
fi
exec ./test.sh --filter "FullyQualifiedName~Tasklane.Tests.Faults" --logger "console;verbosity=normal" "$@"
