#!/usr/bin/env bash
# Proves the slice template end to end, in a throw-away copy of the working tree:
#   1. installs templates/tasklane-slice into a temp DOTNET_CLI_HOME (your own template list is untouched),
#   2. `dotnet new tasklane-slice -n ArchiveTask --area Tasks` at the copy's root,
#   3. checks that only the three new files appeared (no other file touched),
#   4. builds with warnings as errors and runs the generated tests (they pass against the stub) and the
#      architecture tests (the new slice keeps the rules),
#   5. rewrites the test's TODO expectation: it fails; implements the decision: it passes again.
# Slow (three test runs, each starting its own services): a script for humans and releases, not every CI run.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
repo=$PWD
name=${1:-ArchiveTask}
area=${2:-Tasks}
work=$(mktemp -d /tmp/tasklane-template-XXXXXX)
trap 'rm -rf "$work"' EXIT
copy=$work/repo

echo "try-template: copying the working tree to $copy"
mkdir -p "$copy"
git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$copy"
# The local s3rver install (git-ignored) saves an npm install in the copy.
if [[ -d tools/s3rver/node_modules ]]; then ln -s "$repo/tools/s3rver/node_modules" "$copy/tools/s3rver/node_modules"; fi
(cd "$copy" && git init -q && git add -A && git -c user.email=t@t -c user.name=t commit -qm base)

echo "try-template: dotnet new install (DOTNET_CLI_HOME=$work/cli-home)"
export NUGET_PACKAGES=${NUGET_PACKAGES:-$HOME/.nuget/packages}
DOTNET_CLI_HOME=$work/cli-home DOTNET_NOLOGO=1 dotnet new install "$copy/templates/tasklane-slice" >/dev/null
(cd "$copy" && DOTNET_CLI_HOME=$work/cli-home DOTNET_NOLOGO=1 dotnet new tasklane-slice -n "$name" --area "$area")

dir=src/Tasklane/Features/$area/$name
changes=$(cd "$copy" && git status --porcelain --untracked-files=all)
expected=$(printf '?? %s\n' "$dir/$name.sql" "$dir/${name}Endpoint.cs" "$dir/${name}Tests.cs")
if [[ "$changes" != "$expected" ]]; then
  echo "try-template: FAIL: expected exactly the three new files, got:"; echo "$changes"; exit 1
fi
echo "try-template: created exactly $dir/{$name.sql,${name}Endpoint.cs,${name}Tests.cs}"

# The summary line of ./test.sh ("tests: N passed, N failed, N skipped"); a failing run is an expected outcome here.
run_tests() { (cd "$copy" && ./test.sh --filter "FullyQualifiedName~Tasklane.Features.$area.$name." 2>&1 | tail -n 1) || true; }

echo "try-template: build (warnings are errors) and the generated tests"
(cd "$copy" && dotnet build app.sln -c Release -nologo -v q 2>&1 | tail -n 3)
result=$(run_tests); echo "  $result"
[[ $result == "tests: 3 passed, 0 failed, 0 skipped" ]] || { echo "try-template: FAIL: generated tests"; exit 1; }

arch=$(cd "$copy" && ./test.sh --no-build --filter "FullyQualifiedName~Tasklane.Tests.Architecture" 2>&1 | tail -n 1) || true
echo "  architecture tests with the new slice: $arch"
[[ $arch == *" 0 failed,"* ]] || { echo "try-template: FAIL: the generated slice breaks an architecture rule"; exit 1; }

echo "try-template: step 1 of the workflow: state the wanted behaviour in the test -> it must fail"
sed -i "s/todo: $name/done: $name/g" "$copy/$dir/${name}Tests.cs"
result=$(run_tests); echo "  $result"
[[ $result == "tests: 1 passed, 2 failed, 0 skipped" ]] || { echo "try-template: FAIL: the changed expectation did not fail"; exit 1; }

echo "try-template: step 2: implement it in the slice (here: the decision's answer) -> it must pass"
sed -i "s/new(callerId, \"todo: $name\")/new(callerId, \"done: $name\")/" "$copy/$dir/${name}Endpoint.cs"
result=$(run_tests); echo "  $result"
[[ $result == "tests: 3 passed, 0 failed, 0 skipped" ]] || { echo "try-template: FAIL: the implemented slice"; exit 1; }

echo "try-template: OK: the generated slice builds, is routed, passes its tests, and fails-then-passes as documented"
