#!/usr/bin/env bash
# Regenerates the typed .NET client (src/Tasklane.Client/Generated) from the checked-in OpenAPI
# document with Kiota, pinned as a local dotnet tool in .config/dotnet-tools.json. Run it after
# scripts/openapi.sh changed docs/openapi.json; the generated code is committed, so a plain build
# needs no generator. The same document is what a mobile team would generate their client from.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
# No telemetry. Kiota also asks GitHub for a newer release; offline that fails harmlessly, and
# --log-level Error keeps the warning (and the "no servers entry" one: the base URL is set at run time) quiet.
export KIOTA_CLI_TELEMETRY_OPTOUT=true KIOTA_TUTORIAL_ENABLED=false
out=src/Tasklane.Client/Generated
# --backing-store: a model sends only the properties that were set, and null for one set to null, so a PATCH can
# say "leave dueAt as it is" (not set) apart from "clear dueAt" (set to null).
dotnet kiota generate --language CSharp --openapi docs/openapi.json \
  --class-name TasklaneApiClient --namespace-name Tasklane.Client \
  --output "$out" --exclude-backward-compatible --backing-store --clean-output --log-level Error
# Machine-specific paths in the lock file would make every regeneration a diff.
rm -f "$out/.kiota.log"
sed -i -E 's#"descriptionLocation": "[^"]*"#"descriptionLocation": "../../../docs/openapi.json"#' "$out/kiota-lock.json"
# What the client was generated from; ClientTests fail when docs/openapi.json has moved on without it.
sha256sum docs/openapi.json | cut -d' ' -f1 > "$out/openapi.sha256"
echo "client: $(find "$out" -name '*.cs' | wc -l) files in $out"
