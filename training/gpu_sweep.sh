#!/usr/bin/env bash
# One GPU session: phase A trains an ablation set in parallel, phase B distils the teacher into
# the small student. Usage: training/gpu_sweep.sh DATA_DIR OUT_DIR PHASE_A_MIN PHASE_B_MIN
set -u
data=$1; out=$2; a=${3:-5}; b=${4:-3.5}
py=${PYTHON:-python3}
common=(--train "$data/fer-train.xz" --val "$data/fer-publictest.xz" --batch 128 --lr 0.05 --threads 2)
full=(--label-smoothing 0.1 --mix-prob 0.5 --erase-prob 0.5)
run() { name=$1; shift; $py training/train.py --out "$out/$name" "${common[@]}" "$@" > "$out/$name.log" 2>&1; }
mkdir -p "$out"
run S_noaug --arch S --epochs 300 --budget-minutes "$a" --no-affine &
run S_base --arch S --epochs 300 --budget-minutes "$a" &
run S_full --arch S --epochs 300 --budget-minutes "$a" "${full[@]}" &
run M_full --arch M --epochs 300 --budget-minutes "$a" "${full[@]}" &
run L_full --arch L --epochs 300 --budget-minutes "$a" "${full[@]}" &
wait
run S_kd --arch S --epochs 300 --budget-minutes "$b" "${full[@]}" --teacher "$out/L_full/best.pt" &
run M_kd --arch M --epochs 300 --budget-minutes "$b" "${full[@]}" --teacher "$out/L_full/best.pt" &
wait
tail -n 2 "$out"/*.log
