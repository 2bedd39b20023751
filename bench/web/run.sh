#!/usr/bin/env bash
# The web app in headless chromium: first load of a board (bytes transferred, time until its cards show) and a board of
# WEB_CARDS (500) cards (render time, frame intervals while dragging a card), each the median of WEB_RUNS (5) runs,
# against issue 19's goals. Starts the services of ./run.sh and a Release API host (which serves the app) on PORT (8197);
# prints a markdown table (docs/web.md keeps the last one). Needs chromium (/usr/bin/chromium or $TASKLANE_CHROMIUM).
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.."
port=${PORT:-8197}
cards=${WEB_CARDS:-500}

[ -d bench/web/node_modules ] || npm ci --prefix bench/web --no-audit --no-fund --silent
# shellcheck source=bench/standalone.sh
. bench/standalone.sh
standalone_api "$port" RateLimiting__Enabled=false
standalone_user bench-web "Web bench"
project() { curl -sf -X POST "$api/workspaces/$workspace/projects" -H "$auth" -H "$json" -d "{\"name\":\"$1\"}" | sed -E 's/^\{"id":"([^"]+)".*/\1/'; }
small=$(project Small)
large=$(project "$cards cards")
for i in 1 2 3; do
  curl -sf -o /dev/null -X POST "$api/projects/$small/tasks" -H "$auth" -H "$json" -d "{\"title\":\"Task $i\"}"
done
statuses=(todo in_progress done)
for i in $(seq "$cards"); do
  printf '{"title":"Card %d with a title of a usual length","priority":"normal","status":"%s"}\n' "$i" "${statuses[i % 3]}"
done | xargs -d '\n' -P 4 -I{} curl -sf -o /dev/null -X POST "$api/projects/$large/tasks" -H "$auth" -H "$json" -d {}

results=$(WEB_URL="http://127.0.0.1:$port" TASKLANE_TOKEN=$token WEB_SMALL_PROJECT=$small WEB_LARGE_PROJECT=$large \
  WEB_CARDS=$cards node bench/web/web.js)
value() { awk -v k="$1" '$1 == k { print $2 }' <<<"$results"; }
cat <<TABLE
| measured (headless chromium, median of ${WEB_RUNS:-5}) | value | goal |
|---|---|---|
| first load of a board, bytes transferred | $(value first_load_bytes) | ≤ 3,000,000 |
| first load, time until the board's cards show | $(value first_load_interactive_ms) ms | ≤ 2000 ms |
| board of $(value board_cards) cards, render after its data arrived | $(value board_render_ms) ms | ≤ 500 ms |
| dragging a card across that board, frame interval p50 / p95 / max ($(value drag_frames) frames) | $(value drag_frame_p50_ms) / $(value drag_frame_p95_ms) / $(value drag_frame_max_ms) ms | none set (16.7 ms is 60 frames a second) |
TABLE
