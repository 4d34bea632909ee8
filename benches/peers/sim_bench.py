#!/usr/bin/env python3
"""Times PyBaMM 26.6 and leapfrog-sim on the same experiments with Chen2020, in one run, and
prints the ratios. PyBaMM: the median of repeated `Simulation.solve()` calls after a first
solve (so set-up and compilation are excluded, as the issue asks). leapfrog: the median of
repeated library solves (crates/leapfrog-sim/examples/sim_time.rs) after one warm-up.

    python3 benches/peers/sim_bench.py

Uses the virtual environment of pybamm_reference.py (benches/peers/.venv-pybamm) and builds
the example in release mode (respecting CARGO_TARGET_DIR).
"""
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import pybamm_reference as ref  # noqa: E402

TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
EXAMPLE = os.path.join(TARGET, "release", "examples", "sim_time")
REPEATS = 20


def pybamm_times():
    import pybamm

    out = {}
    for name, steps in ref.EXPERIMENTS.items():
        for model_name, cls in [("spm", pybamm.lithium_ion.SPM), ("spme", pybamm.lithium_ion.SPMe)]:
            sim = pybamm.Simulation(cls(), parameter_values=pybamm.ParameterValues("Chen2020"), experiment=pybamm.Experiment(steps))
            sim.solve()
            times = []
            for _ in range(REPEATS):
                start = time.perf_counter()
                sim.solve()
                times.append(time.perf_counter() - start)
            out[f"{model_name} {name}"] = statistics.median(times)
    print(json.dumps(out))


def main():
    python = ref.ensure_venv()
    env = dict(os.environ, LEAPFROG_SIM_BENCH_PEER="1")
    peer = json.loads(subprocess.check_output([python, os.path.abspath(__file__)], env=env).decode().strip().splitlines()[-1])
    subprocess.check_call(["cargo", "build", "--release", "-q", "-p", "leapfrog-sim", "--example", "sim_time"], cwd=ROOT)
    print(f"{'case':<24} {'PyBaMM ms':>10} {'leapfrog ms':>12} {'ratio':>8}")
    for name, steps in ref.EXPERIMENTS.items():
        for model_name in ["spm", "spme"]:
            key = f"{model_name} {name}"
            line = subprocess.check_output([EXAMPLE, model_name, str(10 * REPEATS), *steps]).decode()
            ours = json.loads(line)["median_s"]
            print(f"{key:<24} {1000 * peer[key]:>10.3f} {1000 * ours:>12.4f} {peer[key] / ours:>7.0f}x")


if __name__ == "__main__":
    if os.environ.get("LEAPFROG_SIM_BENCH_PEER") == "1":
        pybamm_times()
    else:
        main()
