#!/usr/bin/env bash
# How far one machine goes: at each --scale, the warehouse build, the segmentation pack on DuckDB, the publish to
# PostgreSQL and the same pack on the published copy, each timed, one line per scale on standard output.
#
#   bench/scale/run.sh "postgres://user@host:port/database" [SCALE ...]    (default scales: 10000 100000 1000000)
#
# The database must be one the publish may write silver and gold into (a scratch database). Everything else goes to a
# temporary folder that is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
url=${1:?give a PostgreSQL URL or connection string to publish into}
shift
scales=("$@")
[ ${#scales[@]} -gt 0 ] || scales=(10000 100000 1000000)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release src/Mallard.Cli -o "$work/bin" -v quiet -nologo >/dev/null
mallard=(dotnet "$work/bin/mallard.dll")

seconds() { local start=$1; echo "$(( $(date +%s%N) - start ))" | awk '{ printf "%.1f", $1 / 1e9 }'; }
# The runner's per-cell lines end in "ok  0.12 s": the SQL cells' time, without compiling the C# cells.
sql_seconds() { grep '#!sql' "$1" | awk '{ s += $(NF-1) } END { printf "%.1f", s }'; }

printf '%-10s %12s %10s %9s %12s %11s %10s %11s %11s\n' scale rows file_MB build_s pack_duck_s sql_duck_s publish_s pack_pg_s sql_pg_s
for scale in "${scales[@]}"; do
  warehouse="$work/$scale/mallard.duckdb"
  mkdir -p "$work/$scale"
  start=$(date +%s%N)
  "${mallard[@]}" warehouse build --scale "$scale" -o "$warehouse" > "$work/$scale/build.log"
  build=$(seconds "$start")
  rows=$(grep -o 'tables, [0-9,]* rows' "$work/$scale/build.log" | tr -dc '0-9')
  size=$(du -m "$warehouse" | cut -f1)

  start=$(date +%s%N)
  "${mallard[@]}" run notebooks/segmentation_pack.ipynb --warehouse "$warehouse" -o "$work/$scale/duckdb.ipynb" > "$work/$scale/duckdb.log" 2>&1
  pack_duck=$(seconds "$start")

  start=$(date +%s%N)
  "${mallard[@]}" warehouse publish --warehouse "$warehouse" --postgres "$url" > "$work/$scale/publish.log"
  publish=$(seconds "$start")

  start=$(date +%s%N)
  "${mallard[@]}" run notebooks/segmentation_pack.ipynb --warehouse "$warehouse" -o "$work/$scale/postgres.ipynb" -p "connection=$url" > "$work/$scale/postgres.log" 2>&1
  pack_pg=$(seconds "$start")

  printf '%-10s %12s %10s %9s %12s %11s %10s %11s %11s\n' "$scale" "$rows" "$size" "$build" "$pack_duck" "$(sql_seconds "$work/$scale/duckdb.log")" \
    "$publish" "$pack_pg" "$(sql_seconds "$work/$scale/postgres.log")"
  rm -f "$warehouse" "$warehouse.wal"
done
