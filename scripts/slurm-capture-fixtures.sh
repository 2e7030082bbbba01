#!/usr/bin/env bash
# Captures the output of sbatch, squeue, scontrol and sacct from a running cluster (scripts/slurm-up.sh) into
# tests/fixtures/slurm/, so the Slurm backend's parsers are tested against what a real Slurm prints. Takes ~90 s
# (one job has to reach its one-minute time limit).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/tests/fixtures/slurm
work=$(mktemp -d /tmp/slurm-capture.XXXX)
cd "$work" || exit 1
mkdir -p "$out"
st() { scontrol show job -o "$1" 2>/dev/null | grep -oP '(?<= )JobState=\K\S+' | head -1; }
wait_state() { for _ in $(seq $(( ${3:-30} * 10 ))); do [[ "$(st "$1")" =~ ^($2)$ ]] && return 0; sleep 0.1; done; return 1; }

sbatch --parsable -J cap-ok -c 1 --mem=100M -o ok.out --wrap 'echo hi' >"$out/sbatch-parsable.txt"
ok=$(cat "$out/sbatch-parsable.txt"); wait_state "$ok" COMPLETED 20
failed=$(sbatch --parsable -J cap-fail -o /dev/null --wrap 'exit 3'); wait_state "$failed" FAILED 20
cancelled=$(sbatch --parsable -J cap-cancel -o /dev/null --wrap 'sleep 300')
wait_state "$cancelled" RUNNING 20; scancel "$cancelled"; wait_state "$cancelled" CANCELLED 20
array=$(sbatch --parsable -J cap-array --array=0-2 -o /dev/null --wrap 'exit $SLURM_ARRAY_TASK_ID')
for i in 0 1 2; do wait_state "${array}_$i" 'COMPLETED|FAILED' 30; done
requeued=$(sbatch --parsable -J cap-requeue -o /dev/null --wrap 'sleep 60'); wait_state "$requeued" RUNNING 20
scontrol requeue "$requeued"; sleep 0.5
squeue -h -t all -j "$requeued" -O 'JobID:|,State:|,Reason:|,RestartCnt:|' >"$out/squeue-requeued.txt"
scontrol show job -o "$requeued" >"$out/scontrol-requeued.txt"; scancel "$requeued"
sbatch --parsable -p no-such-partition --wrap true 2>"$out/sbatch-bad-partition.stderr.txt"
echo "$?" >"$out/sbatch-bad-partition.rc.txt"
running=$(sbatch --parsable -J cap-timeout --time=1 -o /dev/null --wrap 'sleep 300'); wait_state "$running" RUNNING 20
pending=$(sbatch --parsable -J cap-pending --begin=now+7200 -o /dev/null --wrap true)
scontrol show job -o "$running" >"$out/scontrol-running.txt"
squeue -h -t all -r -j "$ok,$failed,$cancelled,$pending,$running,$array" -O 'JobID:|,State:|,Reason:|,RestartCnt:|' >"$out/squeue.txt"
squeue -h -t all -j 999999 -O 'JobID:|,State:|,Reason:|,RestartCnt:|' >/dev/null 2>"$out/squeue-invalid.stderr.txt"
for s in ok failed cancelled pending; do scontrol show job -o "${!s}" >"$out/scontrol-$s.txt"; done
scontrol show job -o "${array}_1" >"$out/scontrol-array-task.txt"
scontrol show job -o 999999 2>"$out/scontrol-invalid.stderr.txt"
sacct -n -P -X -j "$ok" -o JobID,State,ExitCode 2>"$out/sacct-disabled.stderr.txt"
wait_state "$running" TIMEOUT 120
scontrol show job -o "$running" >"$out/scontrol-timeout.txt"
squeue -h -t all -j "$running" -O 'JobID:|,State:|,Reason:|,RestartCnt:|' >"$out/squeue-timeout.txt"
sacct -c -n -P -j "$ok,$failed,$cancelled,$running" -o JobID,State,ExitCode >"$out/sacct.txt" 2>/dev/null
scancel "$pending"
echo "captured into $out (jobs $ok..$array)"
