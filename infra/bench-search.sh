#!/usr/bin/env bash
# Search latency through the whole host: one wrk connection per query (so each figure is one request's latency), p50 /
# p95 / p99, and the total each query answers. Start a host on national-scale data first
# (docs/performance.md, "Catalog search through the host at 1,000,000 entries"), then:
#   bash infra/bench-search.sh http://127.0.0.1:5091 catalog        the catalog queries of issue 20
#   bash infra/bench-search.sh http://127.0.0.1:5091 board          the demand board queries of issue 20
#   bash infra/bench-search.sh http://127.0.0.1:5091 directory      the enterprise directory queries of issue 20
#   SECONDS_PER_QUERY=10 bash infra/bench-search.sh http://127.0.0.1:5091 catalog
set -euo pipefail
base=${1:?usage: bench-search.sh BASE_URL catalog|board|directory}
set_name=${2:-catalog}
seconds=${SECONDS_PER_QUERY:-6}
command -v wrk >/dev/null || { echo "wrk not found (Debian package wrk)."; exit 1; }

case "$set_name" in
  catalog)
    queries=(
      "/api/v1/catalog"
      "/api/v1/catalog?q=%E7%97%85%E7%90%86"                                             # 病理
      "/api/v1/catalog?q=%E6%A0%87%E6%B3%A8"                                             # 标注 (98 % of entries)
      "/api/v1/catalog?q=%E6%A0%87%E6%B3%A8&domain=healthcare&modality=image"            # 标注 + two facets
      "/api/v1/catalog?q=%E4%BA%A4%E9%80%9A&region=510000&modality=video"                # 交通 + region + modality
      "/api/v1/catalog?q=%E7%97%85%E7%90%86&domain=healthcare&securityLevel=important"   # 病理 + two facets
      "/api/v1/catalog?q=%E8%82%BA%E7%BB%93%E8%8A%82"                                    # 肺结节 (rare)
      "/api/v1/catalog?q=%E8%82%BA%E7%BB%93%E8%8A%82&region=510100&sort=relevance"       # 肺结节 in one city by relevance (9,000+ scored)
      "/api/v1/catalog?q=%E7%9C%BC%E5%BA%95%20%E7%B3%96%E5%B0%BF%E7%97%85&sort=relevance" # 眼底 糖尿病 by relevance
      "/api/v1/catalog?q=%E8%82%BA%E7%BB%93%E8%8A%82&sort=relevance"                     # 肺结节 by relevance: over 10,000, refused (422)
      "/api/v1/catalog?domain=transport&domain=energy&openness=conditional&page=50"      # two domains, openness, page 50
      "/api/v1/catalog?region=510100&taskType=segmentation&taskType=bounding_box"        # city + two task types
    )
    ;;
  board)
    queries=(
      "/api/v1/demands"                                                                  # the board as it opens: open, by deadline
      "/api/v1/demands?q=%E7%97%85%E7%90%86"                                             # 病理
      "/api/v1/demands?q=%E7%97%85%E7%90%86&sort=relevance"                              # 病理 by relevance
      "/api/v1/demands?q=%E6%A0%87%E6%B3%A8"                                             # 标注 (every demand)
      "/api/v1/demands?q=%E6%A0%87%E6%B3%A8&sort=budget"                                 # 标注 by budget
      "/api/v1/demands?q=%E6%A0%87%E6%B3%A8&status=open&status=evaluating&status=unsuccessful&status=cancelled&page=50" # 标注, every status, page 50
      "/api/v1/demands?q=%E6%A0%87%E6%B3%A8&domain=healthcare&modality=image"            # 标注 + two filters
      "/api/v1/demands?q=%E4%BA%A4%E9%80%9A&region=510000&modality=video"                # 交通 + region + modality
      "/api/v1/demands?domain=healthcare&modality=image&sort=budget"                     # two filters by budget
      "/api/v1/demands?region=510000&minBudget=100000"                                   # province + budget floor
      "/api/v1/demands?status=evaluating&deadlineFrom=2026-01-01T00:00:00Z&sort=budget"  # a status and a deadline range by budget
      "/api/v1/demands?q=%E6%A0%87%E6%B3%A8&sort=relevance"                              # 标注 by relevance: over 10,000, refused (422)
    )
    ;;
  directory)
    # The 33 directory queries of docs/performance.md (every filter alone, lists of two, three together, sorts, deep pages);
    # 01a20730-… is 保定数据标注基地 of the demo data.
    queries=(
      "/api/v1/enterprises"
      "/api/v1/enterprises?q=%E6%99%BA%E6%A0%87"
      "/api/v1/enterprises?q=915001000010004673"
      "/api/v1/enterprises?q=%E6%99%BA"                                                  # 智: one character in 31% of the names
      "/api/v1/enterprises?q=%E7%A7%91%E6%8A%80"                                         # 科技: in 78% of the names
      "/api/v1/enterprises?q=%E4%B8%87%E8%B1%A1%E6%98%9F"                                # 万象星: three characters
      "/api/v1/enterprises?region=510000"
      "/api/v1/enterprises?region=510100"
      "/api/v1/enterprises?baseId=01a20730-dfc8-7863-bacd-f6fa69ee7dbf"
      "/api/v1/enterprises?minGrade=3"
      "/api/v1/enterprises?certificateStatus=active"
      "/api/v1/enterprises?certificateStatus=none"
      "/api/v1/enterprises?modality=image"
      "/api/v1/enterprises?taskType=segmentation"
      "/api/v1/enterprises?taskType=segmentation&taskType=classification"
      "/api/v1/enterprises?modality=image&taskType=segmentation"
      "/api/v1/enterprises?domain=healthcare"
      "/api/v1/enterprises?domain=healthcare&domain=finance"
      "/api/v1/enterprises?designation=leading"
      "/api/v1/enterprises?designation=sti&designation=gazelle"
      "/api/v1/enterprises?clearance=general"
      "/api/v1/enterprises?clearance=important"
      "/api/v1/enterprises?region=510000&taskType=segmentation&taskType=classification&minGrade=2"
      "/api/v1/enterprises?domain=healthcare&designation=sti&clearance=general"
      "/api/v1/enterprises?q=%E6%99%BA%E6%A0%87&modality=text&certificateStatus=active"
      "/api/v1/enterprises?baseId=01a20730-dfc8-7863-bacd-f6fa69ee7dbf&taskType=segmentation&domain=finance"
      "/api/v1/enterprises?sort=name"
      "/api/v1/enterprises?sort=grade"
      "/api/v1/enterprises?sort=capacity"
      "/api/v1/enterprises?sort=quality"
      "/api/v1/enterprises?page=2500"
      "/api/v1/enterprises?sort=capacity&page=2500"
      "/api/v1/enterprises?taskType=segmentation&taskType=classification&sort=grade"
    )
    ;;
  *) echo "unknown query set: $set_name"; exit 2 ;;
esac

# wrk's own report stops at p90 and p99; the target is a p95, so a small script prints the percentiles in milliseconds.
script=$(mktemp /tmp/bench-search.XXXXXX.lua)
trap 'rm -f "$script"' EXIT
cat >"$script" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("percentiles %.2f %.2f %.2f %.1f\n", latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests / (summary.duration / 1000000)))
end
LUA

printf '| query | total | p50 ms | p95 ms | p99 ms | requests/s |\n|---|---:|---:|---:|---:|---:|\n'
for q in "${queries[@]}"; do
  # The total, or the status of a problem answer (422 for a relevance order over too many matches).
  total=$(curl -s "$base$q" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"] if "total" in d else "problem " + str(d.get("status")))')
  read -r p50 p95 p99 rate < <(wrk -t1 -c1 -d"${seconds}s" -s "$script" "$base$q" | awk '$1=="percentiles"{print $2, $3, $4, $5}')
  path=${q%%\?*}
  shown=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.unquote(sys.argv[1]))' "${q#"$path"}")
  printf '| `%s` | %s | %s | %s | %s | %s |\n' "${shown:-(no filter)}" "$total" "$p50" "$p95" "$p99" "$rate"
done
