#!/usr/bin/env python3
"""Reference curves from PyBaMM for leapfrog-sim's tests.

Installs pybamm==26.6.* in benches/peers/.venv-pybamm (first run only), runs PyBaMM's SPM and
SPMe with the Chen2020 and Prada2013 parameter sets and default options on the experiments
below, and writes crates/leapfrog-sim/tests/fixtures/pybamm_reference.json: per parameter set,
experiment and model, each step's time, current and voltage samples, with the peer's version.
The Rust tests read that file; CI never runs PyBaMM.

Usage: python3 benches/peers/pybamm_reference.py
"""
import json
import os
import subprocess
import sys
import venv

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
VENV = os.path.join(HERE, ".venv-pybamm")
PYBAMM = "pybamm==26.6.*"
# PyBaMM reads BPX files through the bpx package.
BPX = "bpx"
OUT = os.path.join(ROOT, "crates", "leapfrog-sim", "tests", "fixtures", "pybamm_reference.json")

# Parameter set: (leapfrog id, lower and upper cut-off, V).
PARAMETER_SETS = {"Chen2020": ("chen2020", 2.5, 4.2), "Prada2013": ("prada2013", 2.0, 3.6)}

EXPERIMENTS = {
    "discharge-0.5c": ["Discharge at 0.5C until 2.5 V"],
    "discharge-1c": ["Discharge at 1C until 2.5 V"],
    "discharge-2c": ["Discharge at 2C until 2.5 V"],
    "cccv": [
        "Discharge at 1C until 2.5 V",
        "Rest for 30 minutes",
        "Charge at 1C until 4.2 V",
        "Hold at 4.2 V until C/50",
    ],
    "pulses": [
        "Discharge at 1C for 10 minutes",
        "Rest for 10 minutes",
        "Discharge at 3C for 30 seconds",
        "Rest for 5 minutes",
        "Charge at 2C for 30 seconds",
        "Rest for 5 minutes",
        "Discharge at 0.5C for 20 minutes",
    ],
    # Runs past the cut-off with no limit of its own: PyBaMM stops the experiment at its
    # minimum-voltage safeguard (1 V below the cut-off) and never rests.
    "past-cutoff": ["Discharge at 1.2C for 60 minutes", "Rest for 10 minutes"],
}


def ensure_venv():
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        venv.create(VENV, with_pip=True)
        subprocess.check_call([python, "-m", "pip", "install", "-q", PYBAMM, BPX])
    return python


# BPX cells (tests/fixtures/bpx/*.json, the BPX project's examples) read by PyBaMM's own BPX
# import, against leapfrog's: the import's conventions are what is checked.
BPX_FILES = ["nmc_pouch_cell", "lfp_18650_cell"]
BPX_EXPERIMENTS = ["discharge-1c", "discharge-2c", "cccv"]

# Lumped thermal cases (Chen2020 only: Prada2013 carries no thermal data).
THERMAL_EXPERIMENTS = {
    "thermal-discharge-1c": ["Discharge at 1C until 2.5 V"],
    "thermal-discharge-2c": ["Discharge at 2C until 2.5 V"],
    "thermal-cccv": ["Discharge at 2C until 2.5 V", "Rest for 30 minutes", "Charge at 1C until 4.2 V", "Hold at 4.2 V until C/50"],
}


def experiments(low, high):
    """The experiments with a set's own cut-off voltages."""
    swap = lambda step: step.replace("2.5 V", f"{low} V").replace("4.2 V", f"{high} V")
    return {name: [swap(s) for s in steps] for name, steps in EXPERIMENTS.items()}


def run_in_venv():
    import pybamm

    out = {"peer": "pybamm", "peer_version": pybamm.__version__, "cases": []}
    for set_name, (set_id, low, high) in PARAMETER_SETS.items():
        for name, steps in experiments(low, high).items():
            for model_name, model in [("spm", pybamm.lithium_ion.SPM()), ("spme", pybamm.lithium_ion.SPMe())]:
                out["cases"].append(run_case(pybamm, set_name, set_id, name, steps, model_name, model))
    for name, steps in THERMAL_EXPERIMENTS.items():
        for model_name, cls in [("spm", pybamm.lithium_ion.SPM), ("spme", pybamm.lithium_ion.SPMe)]:
            case = run_case(pybamm, "Chen2020", "chen2020", name, steps, model_name, cls({"thermal": "lumped"}))
            case["thermal"] = "lumped"
            out["cases"].append(case)
    for name in BPX_FILES:
        path = os.path.join(ROOT, "tests", "fixtures", "bpx", name + ".json")
        values = pybamm.ParameterValues.create_from_bpx(path)
        low, high = values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"]
        for exp_name, steps in experiments(low, high).items():
            if exp_name not in BPX_EXPERIMENTS:
                continue
            for model_name, model in [("spm", pybamm.lithium_ion.SPM()), ("spme", pybamm.lithium_ion.SPMe())]:
                case = run_case(pybamm, values, "bpx:" + name, exp_name, steps, model_name, model)
                out["cases"].append(case)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT} ({len(out['cases'])} cases, PyBaMM {out['peer_version']})")


def run_case(pybamm, set_name, set_id, name, steps, model_name, model):
    values = set_name if isinstance(set_name, pybamm.ParameterValues) else pybamm.ParameterValues(set_name)
    sim = pybamm.Simulation(
        model,
        parameter_values=values,
        experiment=pybamm.Experiment(steps),
    )
    sol = sim.solve()
    case = {"parameter_set": set_id, "experiment": name, "model": model_name, "steps": []}
    for text, step in zip(steps, sol.cycles[0].steps if len(sol.cycles) == 1 else sol.cycles):
        case["steps"].append(
            {
                "step": text,
                "time_s": [float(x) for x in step["Time [s]"].entries],
                "current_a": [float(x) for x in step["Current [A]"].entries],
                "voltage_v": [float(x) for x in step["Voltage [V]"].entries],
                "temperature_k": [float(x) for x in step["Volume-averaged cell temperature [K]"].entries],
            }
        )
    case["end_time_s"] = float(sol["Time [s]"].entries[-1])
    case["discharge_capacity_ah"] = float(sol["Discharge capacity [A.h]"].entries[-1])
    return case


if __name__ == "__main__":
    if os.environ.get("LEAPFROG_IN_VENV") == "1":
        run_in_venv()
    else:
        python = ensure_venv()
        env = dict(os.environ, LEAPFROG_IN_VENV="1")
        sys.exit(subprocess.call([python, os.path.abspath(__file__)], env=env))
