#!/usr/bin/env python3
"""Where the single-particle model with electrolyte (SPMe) stops tracking the full DFN.

Runs PyBaMM's DFN with default options on one of two parameter sets:

- chen2020 (LG M50, NMC811/graphite-SiOx, 5 Ah): constant current discharges at 2C, 2.5C and 3C
  to 2.5 V, and a per-cell eVTOL power profile;
- prada2013 (A123 ANR26650, LFP/graphite, 2.3 Ah): constant current discharges at 1C, 2C, 3C, 5C
  and 10C to 2.0 V, reported every 10/rate seconds (no eVTOL profile: its powers are sized for
  the M50).

Each case runs first on a ladder of meshes (the default one, then every through-thickness and
particle point count doubled, quadrupled and multiplied by eight) to find a mesh the answers no
longer depend on, then PyBaMM's SPMe runs the same cases at that mesh. Writes
crates/leapfrog-sim/tests/fixtures/pybamm_dfn_validity.json (chen2020) or
pybamm_dfn_validity_prada2013.json next to it: the peer's version, the mesh ladder with its
capacities and end times, the mesh chosen, and per case and model the discharged capacity, end
time, lowest voltage, a voltage curve of about 100 points and the lowest electrolyte
concentration anywhere in the cell (and its ratio to the initial one). Both files have the same
keys. Like pybamm_reference.py the cell starts from the parameter set's own initial
concentrations (no initial SOC is passed).

The venv and pinned PyBaMM are those of pybamm_reference.py (created on first run). The Rust tests
read the JSON; CI never runs PyBaMM. Takes a few minutes per set on two cores.

Usage: python3 benches/peers/pybamm_dfn_validity.py [chen2020|prada2013]   (chen2020 if none given)
"""
import json
import os
import subprocess
import sys
import time
import venv

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
VENV = os.path.join(HERE, ".venv-pybamm")
PYBAMM = "pybamm==26.6.*"
BPX = "bpx"
FIXTURES = os.path.join(ROOT, "crates", "leapfrog-sim", "tests", "fixtures")


def discharges(rates, cutoff, period_1c=None):
    """Constant current discharges at the given C-rates down to the cut-off. With period_1c
    (seconds), a step at rate r reports the state every period_1c / r seconds (at least 1);
    without, PyBaMM reports only the solver's own steps."""
    def step(r):
        text = f"Discharge at {r}C until {cutoff} V"
        return text + f" ({max(1, round(period_1c / float(r)))} second period)" if period_1c else text
    return {f"discharge-{r}c": [step(r)] for r in rates}

# Kasliwal et al. eVTOL mission, per cell (W, discharge positive). The steps carry no voltage
# limit, so PyBaMM runs on below 2.5 V down to its own safeguard (1 V under the cut-off); where
# the voltage first crosses 2.5 V is read off the curve afterwards.
EVTOL = [
    ("take-off hover", "Discharge at 62.198 W for 30 seconds"),
    ("climb", "Discharge at 34.109 W for 60.039 seconds"),
    ("cruise", "Discharge at 14.909 W for 1371.123 seconds"),
    ("descent", "Rest for 60.039 seconds"),
    ("reserve", "Discharge at 14.909 W for 1200 seconds"),
    ("landing hover", "Discharge at 62.198 W for 30 seconds"),
]

# Per parameter set: PyBaMM's name for it, the lower cut-off, the cases, the cases rerun with one
# direction refined at a time, the case rerun with tight solver tolerances, and the fixture.
# Prada2013's discharges ask for a fixed output period: left to itself the solver crosses an SPMe
# discharge in under a hundred long steps, and the voltage curve, energy and lowest electrolyte
# concentration read between them miss the knee (by up to 0.2 V at 1C). Chen2020 keeps the
# solver's own steps its fixture was made with.
SETS = {
    "chen2020": {
        "pybamm": "Chen2020",
        "cutoff": 2.5,
        "cases": dict(discharges(["2", "2.5", "3"], 2.5), **{"evtol-kasliwal": [text for _, text in EVTOL]}),
        "evtol": EVTOL,
        "split_cases": ["discharge-3c", "evtol-kasliwal"],
        "solver_check": "discharge-3c",
        "out": os.path.join(FIXTURES, "pybamm_dfn_validity.json"),
    },
    "prada2013": {
        "pybamm": "Prada2013",
        "cutoff": 2.0,
        "cases": discharges(["1", "2", "3", "5", "10"], 2.0, period_1c=10),
        "evtol": [],
        "split_cases": ["discharge-5c", "discharge-10c"],
        "solver_check": "discharge-10c",
        "out": os.path.join(FIXTURES, "pybamm_dfn_validity_prada2013.json"),
    },
}

# Mesh ladder: every one of these point counts times the factor.
MESHED = ["x_n", "x_s", "x_p", "r_n", "r_p"]
FACTORS = [1, 2, 4, 8]
# A mesh is converged when refining it once more moves the answer by less than this.
TOLERANCE = 1e-3
# Extra runs that refine only one direction, to see which one the error lives in.
SPLITS = [("x 16x, r 4x", 16, 4), ("x 4x, r 16x", 4, 16)]
CURVE_POINTS = 100


def ensure_venv():
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        venv.create(VENV, with_pip=True)
        subprocess.check_call([python, "-m", "pip", "install", "-q", PYBAMM, BPX])
    return python


def var_pts(pybamm, fx, fr=None):
    """Default DFN point counts, through-thickness ones times fx, particle ones times fr."""
    base = pybamm.lithium_ion.DFN().default_var_pts
    fr = fx if fr is None else fr
    return {k: base[k] * (fr if k.startswith("r_") else fx) for k in MESHED}


def solve(pybamm, spec, model_name, steps, pts, solver=None):
    """Solve one case; returns (solution or None, error text or None, wall seconds)."""
    model = {"dfn": pybamm.lithium_ion.DFN, "spme": pybamm.lithium_ion.SPMe}[model_name]()
    sim = pybamm.Simulation(
        model,
        parameter_values=pybamm.ParameterValues(spec["pybamm"]),
        experiment=pybamm.Experiment(steps),
        var_pts=pts,
        solver=solver or pybamm.IDAKLUSolver(),
    )
    start = time.time()
    try:
        return sim.solve(), None, time.time() - start
    except Exception as err:  # the fixture records the failure instead of stopping the run
        return None, f"{type(err).__name__}: {err}", time.time() - start


def parts(sol):
    """The solution cut at the experiment's steps."""
    return sol.cycles[0].steps if len(sol.cycles) == 1 else sol.cycles


def finished(sol, steps):
    """Every step ran to its own end (its duration or its 'until' limit)."""
    done = parts(sol)
    if len(done) != len(steps):
        return False
    last = done[-1].termination
    return "final time" in last or "[experiment]" in last


def curve(np, sol):
    """About CURVE_POINTS (time, voltage) samples, spread over the steps by duration."""
    pieces = parts(sol)
    total = sol["Time [s]"].entries[-1] - sol["Time [s]"].entries[0]
    times, volts = [], []
    for piece in pieces:
        t, v = piece["Time [s]"].entries, piece["Voltage [V]"].entries
        n = max(3, round(CURVE_POINTS * (t[-1] - t[0]) / total)) if total > 0 else 3
        grid = np.linspace(t[0], t[-1], n)
        times += [round(float(x), 3) for x in grid]
        volts += [round(float(x), 6) for x in np.interp(grid, t, v)]
    return {"time_s": times, "voltage_v": volts}


def first_crossing(np, sol, labels, cutoff):
    """Where the voltage first falls below the cut-off: time and step, or None."""
    for label, piece in zip(labels, parts(sol)):
        t, v = piece["Time [s]"].entries, piece["Voltage [V]"].entries
        below = np.nonzero(v < cutoff)[0]
        if len(below):
            i = below[0]
            at = t[i] if i == 0 else float(np.interp(cutoff, [v[i], v[i - 1]], [t[i], t[i - 1]]))
            return {"time_s": float(at), "step": label}
    return None


def energy_wh(np, sol):
    """Energy delivered (W h): voltage times current integrated over time, piece by piece."""
    total = 0.0
    for piece in parts(sol):
        t, v, i = (piece[k].entries for k in ("Time [s]", "Voltage [V]", "Current [A]"))
        total += float(np.trapezoid(v * i, t)) / 3600
    return total


def initial_ocv(pybamm, spec):
    """Cell voltage at rest in the starting state."""
    sol, _, _ = solve(pybamm, spec, "dfn", ["Rest for 1 second"], var_pts(pybamm, 1))
    return float(sol["Voltage [V]"].entries[0])


def electrolyte_min(piece):
    return float(piece["Electrolyte concentration [mol.m-3]"].entries.min())


def summarise(pybamm, np, spec, sol, error, steps, name):
    """The numbers one run contributes to the fixture."""
    c0 = pybamm.ParameterValues(spec["pybamm"])["Initial concentration in electrolyte [mol.m-3]"]
    if sol is None:
        return {"completed": False, "error": error}
    ce_min = electrolyte_min(sol)
    out = {
        "completed": finished(sol, steps),
        "termination": parts(sol)[-1].termination,
        "steps_run": len(parts(sol)),
        "discharge_capacity_ah": float(sol["Discharge capacity [A.h]"].entries[-1]),
        "discharge_energy_wh": energy_wh(np, sol),
        "end_time_s": float(sol["Time [s]"].entries[-1]),
        "min_voltage_v": float(sol["Voltage [V]"].entries.min()),
        "min_electrolyte_concentration_mol_m3": ce_min,
        "min_electrolyte_concentration_ratio": ce_min / c0,
    }
    if error:
        out["error"] = error
    if name == "evtol-kasliwal":
        labels = [label for label, _ in spec["evtol"]]
        out["cutoff_crossing"] = first_crossing(np, sol, labels, spec["cutoff"])
        out["landing"] = landing(sol, steps)
    return out


def landing(sol, steps):
    """The last (landing hover) step: lowest voltage, lowest electrolyte, completed or not."""
    done = parts(sol)
    if len(done) < len(steps):
        return {"reached": False, "completed": False}
    piece = done[len(steps) - 1]
    return {
        "reached": True,
        "completed": "final time" in piece.termination,
        "termination": piece.termination,
        "min_voltage_v": float(piece["Voltage [V]"].entries.min()),
        "min_electrolyte_concentration_mol_m3": electrolyte_min(piece),
        "end_time_s": float(piece["Time [s]"].entries[-1]),
    }


def metrics(row):
    """What must settle for a mesh to count as converged: capacity, and for the power profile
    (whose capacity the load fixes) the lowest voltage in the landing hover."""
    out = {"discharge_capacity_ah": row.get("discharge_capacity_ah")}
    if "landing" in row:
        out["landing_min_voltage_v"] = row["landing"].get("min_voltage_v")
    return out


def relative_change(a, b):
    return None if a is None or b is None else abs(b - a) / abs(b)


def ladder(pybamm, np, spec, name, steps):
    """DFN on every mesh of the ladder; each row carries its change to the next one."""
    rows = []
    for factor in FACTORS:
        pts = var_pts(pybamm, factor)
        sol, error, wall = solve(pybamm, spec, "dfn", steps, pts)
        row = {"case": name, "model": "dfn", "factor": factor, "var_pts": pts}
        row.update(summarise(pybamm, np, spec, sol, error, steps, name))
        row["curve"] = curve(np, sol) if sol is not None else None
        rows.append(row)
        print(f"  dfn {name} x{factor}: {brief(row)} ({wall:.1f} s)", flush=True)
    for row, finer in zip(rows, rows[1:]):
        a, b = metrics(row), metrics(finer)
        row["change_to_next"] = {k: relative_change(a[k], b[k]) for k in a}
    for row in rows:
        a, b = metrics(row), metrics(rows[-1])
        row["difference_to_finest"] = {k: relative_change(a[k], b[k]) for k in a}
    return rows


def brief(row):
    if "discharge_capacity_ah" not in row:
        return row.get("error", "failed")
    text = f"{row['discharge_capacity_ah']:.5f} Ah, {row['end_time_s']:.1f} s, min V {row['min_voltage_v']:.4f}"
    if row.get("landing", {}).get("min_voltage_v") is not None:
        text += f", landing min V {row['landing']['min_voltage_v']:.4f}"
    return text


def converged_factor(rows):
    """The coarsest factor whose next refinement moves every metric by less than TOLERANCE
    (and whether one was found; if not, the finest factor)."""
    for row in rows[:-1]:
        changes = row.get("change_to_next", {}).values()
        if changes and all(c is not None and c < TOLERANCE for c in changes):
            return row["factor"], True
    return rows[-1]["factor"], False


def splits(pybamm, np, spec):
    """One direction refined at a time, for the cases where the mesh matters most."""
    out = []
    for name in spec["split_cases"]:
        steps = spec["cases"][name]
        for label, fx, fr in SPLITS:
            pts = var_pts(pybamm, fx, fr)
            sol, error, wall = solve(pybamm, spec, "dfn", steps, pts)
            row = {"case": name, "mesh": label, "var_pts": pts}
            row.update(summarise(pybamm, np, spec, sol, error, steps, name))
            out.append(row)
            print(f"  dfn {name} {label}: {brief(row)} ({wall:.1f} s)", flush=True)
    return out


def tight_tolerances(pybamm, np, spec, pts):
    """The fastest discharge at the chosen mesh with much tighter solver tolerances."""
    name = spec["solver_check"]
    steps = spec["cases"][name]
    sol, error, wall = solve(pybamm, spec, "dfn", steps, pts, pybamm.IDAKLUSolver(rtol=1e-6, atol=1e-8))
    row = {"case": name, "rtol": 1e-6, "atol": 1e-8, "var_pts": pts}
    row.update(summarise(pybamm, np, spec, sol, error, steps, name))
    print(f"  dfn {name} tight tolerances: {brief(row)} ({wall:.1f} s)", flush=True)
    return row


def case_entry(spec, name, model_name, pts, row):
    entry = {"experiment": name, "model": model_name, "var_pts": pts, "steps": spec["cases"][name]}
    entry.update({k: v for k, v in row.items() if k not in ("case", "model", "factor", "var_pts")})
    return entry


def run_in_venv(set_id):
    import numpy as np
    import pybamm

    began = time.time()
    pybamm.set_logging_level("ERROR")
    spec = SETS[set_id]
    values = pybamm.ParameterValues(spec["pybamm"])
    ladders = {}
    for name, steps in spec["cases"].items():
        print(f"mesh ladder: {set_id} {name}", flush=True)
        ladders[name] = ladder(pybamm, np, spec, name, steps)
    chosen = {name: converged_factor(rows) for name, rows in ladders.items()}
    factor = max(f for f, _ in chosen.values())
    pts = var_pts(pybamm, factor)
    print(f"converged mesh: factor {factor} {pts}", flush=True)

    cases = []
    for name, steps in spec["cases"].items():
        dfn = next(r for r in ladders[name] if r["factor"] == factor)
        cases.append(case_entry(spec, name, "dfn", pts, dfn))
        sol, error, wall = solve(pybamm, spec, "spme", steps, pts)
        spme = summarise(pybamm, np, spec, sol, error, steps, name)
        spme["curve"] = curve(np, sol) if sol is not None else None
        print(f"  spme {name}: {brief(spme)} ({wall:.1f} s)", flush=True)
        cases.append(case_entry(spec, name, "spme", pts, spme))

    out = {
        "peer": "pybamm",
        "peer_version": pybamm.__version__,
        "parameter_set": set_id,
        "model_options": "default",
        "solver": {"name": "IDAKLUSolver", "rtol": 1e-4, "atol": 1e-6},
        "initial_state": {
            "note": "the parameter set's own initial concentrations, as in pybamm_reference.json",
            "negative_mol_m3": values["Initial concentration in negative electrode [mol.m-3]"],
            "positive_mol_m3": values["Initial concentration in positive electrode [mol.m-3]"],
            "electrolyte_mol_m3": values["Initial concentration in electrolyte [mol.m-3]"],
            "open_circuit_voltage_v": initial_ocv(pybamm, spec),
        },
        "lower_cutoff_v": spec["cutoff"],
        "evtol_steps": [{"phase": label, "step": text} for label, text in spec["evtol"]],
        "mesh_tolerance": TOLERANCE,
        "mesh_factors": FACTORS,
        "converged_mesh": {
            "factor": factor,
            "var_pts": pts,
            "per_case": {n: {"factor": f, "within_tolerance": ok} for n, (f, ok) in chosen.items()},
        },
        "convergence": [
            {k: v for k, v in row.items() if k != "curve"} for rows in ladders.values() for row in rows
        ],
        "mesh_direction_check": splits(pybamm, np, spec),
        "solver_check": tight_tolerances(pybamm, np, spec, pts),
        "cases": cases,
    }
    os.makedirs(os.path.dirname(spec["out"]), exist_ok=True)
    with open(spec["out"], "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {spec['out']} ({len(cases)} cases, PyBaMM {out['peer_version']}) in {time.time() - began:.0f} s")


def chosen_set():
    """The parameter set named on the command line (chen2020 if none); exits on an unknown one."""
    args = sys.argv[1:]
    if len(args) > 1 or (args and args[0] not in SETS):
        sys.exit(f"usage: {sys.argv[0]} [{'|'.join(SETS)}]")
    return args[0] if args else "chen2020"


if __name__ == "__main__":
    set_id = chosen_set()
    if os.environ.get("LEAPFROG_IN_VENV") == "1":
        run_in_venv(set_id)
    else:
        python = ensure_venv()
        env = dict(os.environ, LEAPFROG_IN_VENV="1")
        sys.exit(subprocess.call([python, os.path.abspath(__file__), set_id], env=env))
