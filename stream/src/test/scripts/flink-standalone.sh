#!/usr/bin/env bash
# Runs bulwark-stream.jar under `flink run` on a standalone Flink session cluster assembled from
# Maven artifacts (a JobManager, N TaskManagers and the CLI, each its own JVM on 127.0.0.1), over a
# Kafka broker of `bulwark stream broker`, and checks that the detections stored equal
# `bulwark logs hunt`'s on the same files (rule, event time and record of each, as multisets).
#
#   stream/src/test/scripts/flink-standalone.sh [PATH...]     (default: ../shared/data/evtx)
#
# Needs: the stream module packaged (./mvnw package -pl stream), psql, jq, and a PostgreSQL store
# in BULWARK_TEST_POSTGRES_URL (jdbc:postgresql://HOST:PORT/DB?user=U). BULWARK (default
# ./bulwark) is the command that runs the CLI; TASK_MANAGERS (default 2) how many TaskManagers.
# Flink's distribution (flink-dist and its `flink` script) is not published to Maven; its entry
# points are: StandaloneSessionClusterEntrypoint (flink-runtime), TaskManagerRunner (flink-runtime)
# and CliFrontend (flink-clients), which is what `flink run` starts.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
inputs=("$@")
[ ${#inputs[@]} -gt 0 ] || inputs=("$root/../shared/data/evtx")
bulwark=${BULWARK:-"$root/bulwark"}
tms=${TASK_MANAGERS:-2}
jar="$root/stream/target/bulwark-stream.jar"
url=${BULWARK_TEST_POSTGRES_URL:?a PostgreSQL store URL is needed}
[ -f "$jar" ] || { echo "no $jar: ./mvnw package -pl stream first" >&2; exit 2; }

work=$(mktemp -d)
pids=()
stop() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT

# psql's view of the JDBC URL
hostport=${url#jdbc:postgresql://}; hostport=${hostport%%/*}
db=${url#*://*/}; db=${db%%\?*}
pguser=$(sed -n 's/.*[?&]user=\([^&]*\).*/\1/p' <<<"$url")
sql() { psql -h "${hostport%:*}" -p "${hostport#*:}" -U "$pguser" -d "$db" -At -c "$1"; }

echo "== Flink's classpath from Maven"
"$root/mvnw" -B -o -q -f "$here/flink-cluster/pom.xml" \
  org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.outputFile="$work/flink.cp" >/dev/null
cp=$(cat "$work/flink.cp")

# what flink-dist's env.java.opts.all opens to Flink's reflection on Java 17 and later
opens=()
for m in java.base/java.lang java.base/java.lang.invoke java.base/java.lang.reflect java.base/java.io \
  java.base/java.net java.base/java.nio java.base/sun.nio.ch java.base/java.text java.base/java.time \
  java.base/java.util java.base/java.util.concurrent java.base/java.util.concurrent.atomic \
  java.base/java.util.concurrent.locks java.base/jdk.internal.misc; do
  opens+=(--add-opens "$m=ALL-UNNAMED")
done
java=("${JAVA_HOME:+$JAVA_HOME/bin/}java" "${opens[@]}")

rest=$((20000 + RANDOM % 20000))
mkdir -p "$work/conf"
cat >"$work/conf/config.yaml" <<YAML
jobmanager.rpc.address: 127.0.0.1
jobmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: 768m
taskmanager.bind-host: 127.0.0.1
taskmanager.host: 127.0.0.1
taskmanager.numberOfTaskSlots: 1
# what flink-dist's scripts derive from a process size and pass to the TaskManager
taskmanager.cpu.cores: 1
taskmanager.memory.framework.heap.size: 128m
taskmanager.memory.framework.off-heap.size: 128m
taskmanager.memory.task.heap.size: 384m
taskmanager.memory.task.off-heap.size: 0m
taskmanager.memory.managed.size: 64m
taskmanager.memory.network.min: 64m
taskmanager.memory.network.max: 64m
taskmanager.memory.jvm-metaspace.size: 256m
taskmanager.memory.jvm-overhead.min: 192m
taskmanager.memory.jvm-overhead.max: 192m
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $rest
parallelism.default: $tms
YAML

echo "== Kafka broker"
"$bulwark" stream broker --dir "$work/kafka" --partitions "$tms" >"$work/broker.log" 2>&1 &
pids+=($!)
for _ in $(seq 120); do
  bootstrap=$(sed -n 's/^kafka broker at //p' "$work/broker.log")
  [ -n "$bootstrap" ] && break
  sleep 1
done
[ -n "${bootstrap:-}" ] || { cat "$work/broker.log"; exit 1; }
echo "broker at $bootstrap"

echo "== JobManager and $tms TaskManager(s)"
"${java[@]}" -Xmx512m -cp "$cp" org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
  --configDir "$work/conf" >"$work/jobmanager.log" 2>&1 &
pids+=($!)
for i in $(seq "$tms"); do
  "${java[@]}" -Xmx768m -cp "$cp" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
    --configDir "$work/conf" >"$work/taskmanager-$i.log" 2>&1 &
  pids+=($!)
done
for _ in $(seq 120); do
  n=$(curl -s "http://127.0.0.1:$rest/taskmanagers" | jq '.taskmanagers | length' 2>/dev/null || true)
  [ "${n:-0}" -ge "$tms" ] && break
  for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null || break 2; done # one died: see its log
  sleep 1
done
echo "taskmanagers registered: ${n:-0}"
[ "${n:-0}" -ge "$tms" ] || { tail -n 20 "$work/jobmanager.log" "$work/taskmanager-1.log"; exit 1; }

echo "== ship ${inputs[*]}"
topic=events-$RANDOM
"$bulwark" stream ship "${inputs[@]}" --topic "$topic" --bootstrap "$bootstrap"
sql "DELETE FROM stream_alerts; DELETE FROM stream_incidents;" >/dev/null 2>&1 || true

echo "== flink run ($(du -h "$jar" | cut -f1) job jar, $(stat -c %s "$jar") bytes)"
start=$(date +%s.%N)
FLINK_CONF_DIR="$work/conf" "${java[@]}" -Xmx256m -cp "$cp" -Dlog.file="$work/client.log" org.apache.flink.client.cli.CliFrontend \
  run -c dev.bulwark.stream.StreamJob "$jar" \
  --bootstrap "$bootstrap" --topic "$topic" --bounded --parallelism "$tms" \
  --store "${url%%\?*}" --store-user "$pguser" --store-password "" >"$work/client.out" 2>&1 ||
  { grep -v '^\s*at ' "$work/client.out" | tail -n 30; exit 1; }
grep -i "job has been submitted\|job execution result\|runtime" "$work/client.out" || true
end=$(date +%s.%N)
echo "job ran in $(echo "$end - $start" | bc) s"

echo "== compare with logs hunt"
"$bulwark" logs hunt "${inputs[@]}" --timeline "$work/hunt.json" >/dev/null || true
sql "SELECT rule_title, (extract(epoch FROM event_time) * 1000)::bigint, coalesce(record_id, '')
     FROM stream_alerts" >"$work/stream.txt"
python3 - "$work/hunt.json" "$work/stream.txt" <<'PY'
import collections, datetime, json, sys
def ms(t):
    if not t:
        return ""
    return str(round(datetime.datetime.fromisoformat(t.replace("Z", "+00:00")).timestamp() * 1000))
hunt = json.load(open(sys.argv[1]))
want = collections.Counter((d["rule"], ms(d["time"]), d.get("record") or "") for d in hunt["timeline"])
got = collections.Counter(tuple(l.split("|", 2)) for l in open(sys.argv[2]).read().splitlines() if l)
print(f"logs hunt: {sum(want.values())} detections ({len(hunt['incidents'])} incidents);"
      f" flink run: {sum(got.values())} detections stored")
if want != got:
    print("only in logs hunt:", list((want - got).items())[:5])
    print("only in the stream:", list((got - want).items())[:5])
    sys.exit(1)
print("equal: the same rules, times and records")
PY
echo "incidents stored by the job: $(sql 'SELECT COUNT(*) FROM stream_incidents')"
