#!/usr/bin/env bash
# Second GPU session: phase A trains teachers and students in parallel with a proper schedule;
# phase B fine-tunes the best small student by distillation from the ensemble of all of them.
# Usage: training/gpu_final.sh DATA_DIR OUT_DIR PRIOR_STUDENT.pt PHASE_A_MIN PHASE_B_MIN
set -u
data=$1; out=$2; prior=$3; a=${4:-5.3}; b=${5:-3}
py=${PYTHON:-python3}
common=(--train "$data/fer-train.xz" --val "$data/fer-publictest.xz" --batch 128 --lr 0.05 --threads 2)
run() { name=$1; shift; $py training/train.py --out "$out/$name" "${common[@]}" "$@" > "$out/$name.log" 2>&1; }
mkdir -p "$out"
run S_base --arch S --epochs 300 --budget-minutes "$a" &
run S_ls --arch S --epochs 300 --budget-minutes "$a" --label-smoothing 0.1 --erase-prob 0.25 &
run M_base --arch M --epochs 300 --budget-minutes "$a" --label-smoothing 0.1 &
run L_base --arch L --epochs 300 --budget-minutes "$a" --label-smoothing 0.1 &
wait
teachers=()
for r in S_base S_ls M_base L_base; do [ -f "$out/$r/best.pt" ] && teachers+=(--teacher "$out/$r/best.pt"); done
teachers+=(--teacher "$prior")
run S_kd --arch S --epochs 300 --budget-minutes "$b" --init "$prior" --lr 0.01 --warmup 1 "${teachers[@]}" &
run S_kd2 --arch S --epochs 300 --budget-minutes "$b" --init "$out/S_base/best.pt" --lr 0.01 --warmup 1 "${teachers[@]}" &
wait
tail -n 1 "$out"/*.log
