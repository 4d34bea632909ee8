"""Times BLAST-Lite 1.1.1 and leapfrog on the same 10-year simulation of a daily profile, in one
run, and prints both ratios: the whole `leapfrog life` process (start-up, CSV read, JSON write)
and the library call, each against BLAST-Lite's in-process `simulate_battery_life`.

    python3 benches/peers/life_bench.py [hourly|minute]     (default: hourly)

Installs BLAST-Lite in benches/peers/.venv on first run (as blast_reference.py does) and builds
leapfrog in release mode (respecting CARGO_TARGET_DIR).
"""
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import blast_reference as ref  # noqa: E402

TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
BIN = os.path.join(TARGET, "release", "leapfrog")
EXAMPLE = os.path.join(TARGET, "release", "examples", "life_time")
MODELS = list(ref.MODELS)
YEARS = 10


def profile(resolution):
    # The grid profile of the reference fixtures: 0.8 DOD a day at 25 °C.
    t, soc, temp = ref.day(0.8, 0.9, 0.25, 0.5, 1, 1.0, 25.0, 0.0)
    step = 60 if resolution == "hourly" else 1
    keep = list(range(0, len(t), step))
    return [t[i] for i in keep], [soc[i] for i in keep], [temp[i] for i in keep]


def best(f, n):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2]


def main():
    import numpy as np
    from blast import models

    resolution = sys.argv[1] if len(sys.argv) > 1 else "hourly"
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "leapfrog-cli"], cwd=ROOT, check=True)
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "leapfrog-life", "--example", "life_time"], cwd=ROOT, check=True)
    t, soc, temp = profile(resolution)
    csv = os.path.join(HERE, ".venv", f"bench-profile-{resolution}.csv")
    with open(csv, "w") as f:
        f.write("time_s,soc,temperature_c\n")
        for row in zip(t, soc, temp):
            f.write(",".join(repr(v) for v in row) + "\n")
    data = {"Time_s": np.array(t), "SOC": np.array(soc), "Temperature_C": np.array(temp)}
    print(f"10-year simulation of a daily profile ({resolution}, {len(t)} points a day)")
    print(f"{'model':26s} {'BLAST-Lite s':>12s} {'process s':>10s} {'library s':>10s} {'process x':>10s} {'library x':>10s}")
    for mid in MODELS:
        cls = getattr(models, ref.MODELS[mid])
        blast_s = best(lambda: cls().simulate_battery_life(data, threshold_time=YEARS), 3)
        cmd = [BIN, "life", "--model", mid, "--profile", csv, "--years", str(YEARS), "--format", "json"]
        process_s = best(lambda: subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True), 20)
        lib = subprocess.run([EXAMPLE, mid, csv, str(YEARS), "50"], capture_output=True, text=True, check=True)
        library_s = float(lib.stdout.strip())
        print(f"{mid:26s} {blast_s:12.4f} {process_s:10.5f} {library_s:10.6f} {blast_s / process_s:10.0f} {blast_s / library_s:10.0f}")


if __name__ == "__main__":
    if ref.in_venv():
        main()
    else:
        ref.bootstrap()
