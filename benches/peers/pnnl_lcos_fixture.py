#!/usr/bin/env python3
"""Write the PNNL LCOS reference fixture from PNNL's Energy Storage Cost and Performance
Database v2024 (ESGC_Cost_Performance_Database_v2024.xlsx, sheet "Database").

Usage: pnnl_lcos_fixture.py PATH_TO_XLSX [OUT_JSON]

The workbook is PNNL's own file (https://www.pnnl.gov/sites/default/files/media/file/
ESGC_Cost_Performance_Database_v2024.xlsx; the copy read for the committed fixture has
SHA-256 ef50e87012361e2a10d3df97cb61b93d38eae9255539ca76061e0c5feef501e9). For every "Point"
case of the technologies below at 2023 costs, the fixture keeps the inputs PNNL's LCOS reads
(capital items, fixed O&M, round trip, depths, cycle and calendar lives, rests, replacement,
decommissioning and warranty) and the published "LCOS ($/kWh)", with the workbook row of that
value. The Rust test `crates/leapfrog-mission/tests/pnnl_lcos.rs` recomputes each.
Needs openpyxl (pip install openpyxl).
"""
import hashlib
import json
import sys
from collections import defaultdict

import openpyxl

TECHNOLOGIES = {
    "Lithium-ion LFP": "lfp",
    "Lithium-ion NMC": "nmc",
    "Vanadium Redox Flow": "vanadium-flow",
    "Lead Acid": "lead-acid",
    "Zinc": "zinc",
    "PSH": "pumped-hydro",
    "CAES": "caes",
}
PERFORMANCE = {
    "RTE (%)": "rte_dc",
    "Primary DOD (%)": "dod",
    "Secondary DOD (%)": "secondary_dod",
    "Rest Before Charge (hrs)": "rest_before_charge_h",
    "Rest After Discharge (hrs)": "rest_after_discharge_h",
    "Calendar Life (yrs)": "calendar_life_years",
    "Cycle Life at Primary DOD (#)": "cycle_life_primary",
    "Cycle Life at Secondary DOD (#)": "cycle_life_secondary",
}


def items(params, category):
    out = []
    for (cat, name), (value, _) in sorted(params.items()):
        if cat != category or value is None or "Total Installed Cost" in name:
            continue
        for suffix, unit in (("($/kWh)", "usd_per_kwh"), ("($/kW)", "usd_per_kw")):
            if name.endswith(suffix):
                out.append({"name": name[: -len(suffix)].strip(), "value": float(value), "unit": unit})
    return out


def main():
    path = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else "crates/leapfrog-mission/tests/fixtures/pnnl_v2024_lcos.json"
    digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
    sheet = openpyxl.load_workbook(path, data_only=True, read_only=True)["Database"]
    cases = defaultdict(dict)
    for row_number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        tech, year, mw, hours, estimate, category, parameter, value = row[:8]
        if tech in TECHNOLOGIES and str(year) == "2023" and estimate == "Point":
            cases[(tech, float(mw), float(hours))][(category, parameter)] = (value, row_number)
    fixture = []
    for (tech, mw, hours), p in sorted(cases.items()):
        lcos = p.get(("LCOS", "LCOS ($/kWh)"))
        if lcos is None:
            continue
        case = {
            "technology": TECHNOLOGIES[tech],
            "power_mw": mw,
            "duration_h": hours,
            "lcos_usd_per_kwh": float(lcos[0]),
            "workbook_row": lcos[1],
            "project_life_years": int(p[("LCOS", "LCOS_Project_Life (yrs)")][0]),
            "fixed_om_usd_per_kw_year": float((p.get(("O&M Cost", "Fixed O&M ($/kW-year)")) or (0.0,))[0] or 0.0),
            "capital": items(p, "Capital Cost"),
            "replacement": items(p, "Replacement"),
            "decommissioning": items(p, "Decommissioning"),
        }
        for name, key in PERFORMANCE.items():
            v = p.get(("Performance", name))
            if v is not None and v[0] is not None:
                case[key] = float(v[0])
        w = p.get(("Warranty", "Warranty ($/kWh)"))
        if w is not None and w[0]:
            case["warranty_usd_per_kwh"] = float(w[0])
            d = p.get(("Warranty", "Warranty Delay (yrs)"))
            case["warranty_delay_years"] = int(d[0] or 0) if d else 0
        fixture.append(case)
    doc = {
        "source": "pnnl-esgc-database-2024",
        "workbook_sha256": digest,
        "cost_year": 2023,
        "estimate": "Point",
        "cases": fixture,
    }
    with open(out, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"{len(fixture)} cases -> {out}")


if __name__ == "__main__":
    main()
