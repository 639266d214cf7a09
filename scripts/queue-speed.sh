#!/usr/bin/env bash
# Wall time of a queued sweep with N worker processes on this machine (docs/distributed.md,
# "Speedup with 1 vs 2 worker processes").
# Usage: npm run build && bash scripts/queue-speed.sh N [TRAIN_SIZE=128]
#   TRAIN_SIZE 128: the end-to-end test's tiny sweep (hidden [8], 3 + 2 epochs);
#   any other value: hidden [60, 20], 6 + 4 epochs at that many training images.
# Starts its own redis-server on a free loopback port (no persistence), N × `fisherlab worker`,
# times `fisherlab sweep … --queue … --quiet`, then stops everything and removes its folder.
set -euo pipefail
n=${1:?usage: bash scripts/queue-speed.sh N [TRAIN_SIZE]}
size=${2:-128}
root=$(dirname "$0")/..
bin="$root/dist/src/cli/bin.js"
[ -f "$bin" ] || { echo "queue-speed: $bin is missing; run npm run build first" >&2; exit 2; }
command -v redis-server > /dev/null || { echo "queue-speed: redis-server is not installed (apt-get install redis-server)" >&2; exit 2; }
dir=$(mktemp -d /tmp/fisherlab-queue-speed-XXXXXX)
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})')
export FISHERLAB_TOKEN="queue-speed-$RANDOM$RANDOM$RANDOM"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done; wait 2> /dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
if [ "$size" = 128 ]; then model="hidden: [8]"; epochs=3; ft=2; else model="hidden: [60, 20]"; epochs=6; ft=4; fi
cat > "$dir/exp.yaml" <<YAML
name: speed
replicates: 2
config:
  data: { train_size: $size, val_size: 32, test_size: 32 }
  model: { $model }
  train: { max_epochs: $epochs, patience: $epochs }
sweep: { finetune.loss.name: [angle_diff, sq_diff] }
finetune:
  - name: ft
    set: { data.distribution.kappa: 4, train.max_epochs: $ft }
fisher: [{ method: derivative, layer: output, angles: 8 }]
YAML
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no > "$dir/redis.log" 2>&1 & pids+=($!)
for _ in $(seq 50); do redis-cli -p "$port" ping > /dev/null 2>&1 && break; sleep 0.1; done
for i in $(seq "$n"); do
  node "$bin" worker --queue "redis://127.0.0.1:$port" --scratch "$dir/scratch$i" > "$dir/worker$i.log" 2>&1 & pids+=($!)
done
start=$(date +%s%N)
node "$bin" sweep "$dir/exp.yaml" --out "$dir/out" --queue "redis://127.0.0.1:$port" --quiet
end=$(date +%s%N)
echo "queue-speed: $n worker process(es), train_size $size: $(( (end - start) / 1000000 )) ms"
