#!/usr/bin/env bash
# Regenerates Wolverine's handler and endpoint code into src/Tasklane/Internal/Generated, which
# production hosts load statically (no Roslyn at start). Run it after adding or changing a slice;
# the StaticCodegen test fails while the committed code is missing a handler or endpoint.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$PWD/src/Tasklane/Internal/Generated
# Stale generated code may no longer compile against the changed slices: start from none.
rm -rf "$out"
dotnet build src/Tasklane.Api -c Release -v q -nologo
# codegen needs no running services, only a syntactically valid configuration.
ConnectionStrings__Postgres='Host=127.0.0.1;Database=codegen' ConnectionStrings__Redis='127.0.0.1' \
Wolverine__CodeGeneration=Dynamic Wolverine__GeneratedCodePath="$out" \
  dotnet src/Tasklane.Api/bin/Release/net10.0/Tasklane.Api.dll codegen write
echo "codegen: wrote $(find "$out" -name '*.cs' | wc -l) files to ${out#"$PWD"/}"
