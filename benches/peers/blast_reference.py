"""Runs NREL's BLAST-Lite 1.1.1 on the reference profiles and writes the fixture the Rust tests
hold leapfrog-life to (relative capacity at 1, 5 and 10 years, 0.005 tolerance).

    python3 benches/peers/blast_reference.py        # creates benches/peers/.venv on first run

BLAST-Lite is a reference only: it is installed here, in a virtual environment, never a
dependency of leapfrog. The profiles are written as CSV fixtures (time_s,soc,temperature_c) so
both tools read the same numbers.
"""
import json
import math
import os
import random
import subprocess
import sys
import venv

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
VENV = os.path.join(HERE, ".venv")
FIXTURES = os.path.join(ROOT, "crates", "leapfrog-life", "tests", "fixtures")
PINS = ["blast-lite==1.1.1", "numpy<2.4"]

MODELS = {
    "lfp-gr-250ah-prismatic": "Lfp_Gr_250AhPrismatic",
    "lfp-gr-sonymurata-3ah": "Lfp_Gr_SonyMurata3Ah_Battery",
    "nmc111-gr-kokam-75ah": "Nmc111_Gr_Kokam75Ah_Battery",
    "nmc111-gr-sanyo-2ah": "Nmc111_Gr_Sanyo2Ah_Battery",
    "nmc622-gr-denso-50ah": "Nmc622_Gr_DENSO50Ah_Battery",
    "nmc811-grsi-lgm50-5ah": "Nmc811_GrSi_LGM50_5Ah_Battery",
    "nmc811-grsi-lgmj1-4ah": "Nmc811_GrSi_LGMJ1_4Ah_Battery",
    "nca-gr-panasonic-3ah": "Nca_Gr_Panasonic3Ah_Battery",
    "nmc-lto-10ah": "Nmc_Lto_10Ah_Battery",
}

# Daily profiles, one point a minute: (name, dod, soc_max, charge_c, discharge_c, per_day,
# rest_h, mean °C, daily swing °C).
PROFILES = [
    ("grid-daily-25c", 0.8, 0.9, 0.25, 0.5, 1, 1.0, 25.0, 0.0),
    ("shallow-twice-40c", 0.3, 0.8, 1.0, 1.0, 2, 0.5, 40.0, 0.0),
    ("deep-fast-10c", 0.9, 1.0, 1.0, 2.0, 1, 0.0, 10.0, 0.0),
    ("swinging-temperature", 0.6, 0.85, 0.5, 1.0, 1, 2.0, 22.0, 8.0),
]
YEARS = [1, 5, 10]
# Profiles of other shapes (built by the functions below): irregular drive at 10 s, storage only,
# a two-day profile at 300 s and orbit cycling whose period does not divide a day.
SHAPED = ["ev-drive-10s", "storage-35c", "two-day-300s", "leo-orbits"]


def in_venv():
    return os.path.realpath(sys.prefix) == os.path.realpath(VENV)


def bootstrap():
    if not os.path.exists(os.path.join(VENV, "bin", "python")):
        venv.create(VENV, with_pip=True)
    py = os.path.join(VENV, "bin", "python")
    subprocess.run([py, "-m", "pip", "install", "-q", *PINS], check=True)
    os.execv(py, [py, *sys.argv])


def day(dod, soc_max, charge_c, discharge_c, per_day, rest_h, temp_c, swing_c):
    dis, chg, rest = dod / discharge_c * 3600, dod / charge_c * 3600, rest_h * 3600
    cycle = dis + rest + chg + rest
    t, soc, temp = [], [], []
    for k in range(1441):
        s = k * 60.0
        n = math.floor(s / cycle)
        x = s - n * cycle
        if n >= per_day:
            v = soc_max
        elif x < dis:
            v = soc_max - dod * x / dis
        elif x < dis + rest:
            v = soc_max - dod
        elif x < dis + rest + chg:
            v = soc_max - dod + dod * (x - dis - rest) / chg
        else:
            v = soc_max
        t.append(s)
        soc.append(round(v, 9))
        temp.append(round(temp_c + swing_c * math.sin(2 * math.pi * s / 86400.0), 6))
    return t, soc, temp


def ev_drive_10s():
    """Two commutes a day drawn at random (seeded), charged at 0.15C from 22:00; 30 +/- 5 C."""
    rng = random.Random(11)
    t, soc, temp, v = [], [], [], 0.9
    for k in range(8641):
        s = k * 10.0
        h = s / 3600
        if 8 <= h < 9 or 17 <= h < 18.5:
            v -= rng.uniform(0, 0.0006)
        elif 22 <= h < 24 and v < 0.9:
            v = min(0.9, v + 0.15 * 10 / 3600)
        v = max(0.05, v)
        t.append(s)
        soc.append(round(v, 9))
        temp.append(round(30 + 5 * math.sin(2 * math.pi * s / 86400), 6))
    return t, soc, temp


def storage_35c():
    """Held at 95% SOC and 35 C, hourly points: calendar ageing only."""
    return [k * 3600.0 for k in range(25)], [0.95] * 25, [35.0] * 25


def two_day_300s():
    """Day one deep (70% at 1C), day two twice shallow (40% at 0.5C), 18 C; 300 s sampling."""
    d1 = day(0.7, 0.95, 0.5, 1.0, 1, 1.0, 18.0, 0.0)
    d2 = day(0.4, 0.7, 0.5, 0.5, 2, 0.0, 18.0, 3.0)
    t, soc, temp = [], [], []
    for k in range(0, 1441, 5):
        t.append(d1[0][k]), soc.append(d1[1][k]), temp.append(d1[2][k])
    for k in range(5, 1441, 5):
        t.append(86400 + d2[0][k]), soc.append(d2[1][k]), temp.append(d2[2][k])
    return t, soc, temp


def leo_orbits():
    """95-minute orbits: 35 minutes of eclipse to 25% DOD, recharge over 50; 20 C, 60 s."""
    t, soc = [], []
    for k in range(1441):
        s = k * 60.0
        phase = s % 5700
        if phase < 2100:
            v = 0.9 - 0.25 * phase / 2100
        else:
            v = min(0.9, 0.65 + 0.25 * (phase - 2100) / 3000)
        t.append(s)
        soc.append(round(v, 9))
    return t, soc, [20.0] * len(t)


def profiles():
    for name, *spec in PROFILES:
        yield name, day(*spec)
    builders = {
        "ev-drive-10s": ev_drive_10s,
        "storage-35c": storage_35c,
        "two-day-300s": two_day_300s,
        "leo-orbits": leo_orbits,
    }
    for name in SHAPED:
        yield name, builders[name]()


def main():
    import numpy as np
    import blast
    from blast import models

    os.makedirs(FIXTURES, exist_ok=True)
    cases = []
    for name, (t, soc, temp) in profiles():
        path = os.path.join(FIXTURES, f"profile-{name}.csv")
        with open(path, "w") as f:
            f.write("time_s,soc,temperature_c\n")
            for row in zip(t, soc, temp):
                f.write(",".join(repr(v) for v in row) + "\n")
        profile = {"Time_s": np.array(t), "SOC": np.array(soc), "Temperature_C": np.array(temp)}
        for mid, cls in MODELS.items():
            batt = getattr(models, cls)()
            batt.simulate_battery_life(profile, threshold_time=max(YEARS))
            t_days = batt.stressors["t_days"]
            q = batt.outputs["q"]
            at = {str(y): float(np.interp(365 * y, t_days, q)) for y in YEARS}
            case = {"model": mid, "profile": name}
            if all(math.isfinite(v) for v in at.values()):
                case["capacity_at_years"] = at
            else:
                # BLAST-Lite returns NaN here (its state equation leaves its domain); leapfrog
                # must refuse the case with an error instead of printing NaN.
                case["capacity_at_years"] = None
                case["capacity_at_years_reason"] = "BLAST-Lite's result is NaN for this case"
            cases.append(case)
            print(f"{mid:26s} {name:22s} {at}")
    import importlib.metadata as md
    out = {
        "peer": "blast-lite",
        "peer_version": md.version("blast-lite"),
        "numpy_version": np.__version__,
        "function": "simulate_battery_life(profile, threshold_time=10) with default arguments",
        "tolerance": 0.005,
        "cases": cases,
    }
    with open(os.path.join(FIXTURES, "blast_reference.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    if in_venv():
        main()
    else:
        bootstrap()
