#!/usr/bin/env bash
# Regenerates docs/openapi.json from the running endpoints (through the test that guards it).
set -euo pipefail
cd "$(dirname "$0")/.."
TASKLANE_UPDATE_OPENAPI=1 dotnet test tests/Tasklane.Tests -c Release --nologo \
  --filter "FullyQualifiedName~OpenApiTests.The_checked_in_document_matches_the_endpoints"
git --no-pager diff --stat -- docs/openapi.json
