"""Transcribes the parameters of BLAST-Lite 1.1.1's ageing models into data/life_models.toml.

Run in the peer environment (see blast_reference.py): python benches/peers/blast_params.py > data/life_models.toml
Each record names the model's publication (a source id in data/sources.toml) and the BLAST-Lite
file and line range the parameters were read from. The numbers are facts carried over; the
model equations are implemented in crates/leapfrog-life/src/models/, one file per model form.
"""
import inspect
import blast
from blast import models

MODELS = [
    ("lfp-gr-250ah-prismatic", "Lfp_Gr_250AhPrismatic", "lfp_gr_250ah", "gasper-2023-lfp250",
     "Large-format prismatic LFP-graphite cell, >250 Ah"),
    ("lfp-gr-sonymurata-3ah", "Lfp_Gr_SonyMurata3Ah_Battery", "lfp_gr_sonymurata", "naumann-2018-2020-lfp",
     "Sony-Murata 3 Ah LFP-graphite 26650 cell"),
    ("nmc111-gr-kokam-75ah", "Nmc111_Gr_Kokam75Ah_Battery", "nmc111_gr_kokam", "smith-2017-kokam",
     "Kokam 75 Ah NMC111-graphite pouch cell"),
    ("nmc111-gr-sanyo-2ah", "Nmc111_Gr_Sanyo2Ah_Battery", "nmc111_gr_sanyo", "schmalstieg-2014",
     "Sanyo UR18650E 2.15 Ah NMC111-graphite cell"),
    ("nmc622-gr-denso-50ah", "Nmc622_Gr_DENSO50Ah_Battery", "nmc622_gr_denso", "smith-2021-denso",
     "DENSO 50 Ah NMC622-graphite prismatic cell"),
    ("nmc811-grsi-lgm50-5ah", "Nmc811_GrSi_LGM50_5Ah_Battery", "nmc811_grsi_lgm50", "bui-2021-lgm50",
     "LG M50 5 Ah NMC811-graphite/silicon 21700 cell"),
    ("nmc811-grsi-lgmj1-4ah", "Nmc811_GrSi_LGMJ1_4Ah_Battery", "arrhenius_linear", "everlasting-d23-2020",
     "LG MJ1 3.5 Ah NMC811-graphite/silicon 18650 cell"),
    ("nca-gr-panasonic-3ah", "Nca_Gr_Panasonic3Ah_Battery", "arrhenius_linear", "keil-2016-preger-2020",
     "Panasonic NCR18650B 3.2 Ah NCA-graphite cell"),
    ("nmc-lto-10ah", "Nmc_Lto_10Ah_Battery", "nmc_lto", "bank-2020-lto",
     "10 Ah NMC-LTO cell"),
]


def lines_of(cls, name):
    src, start = inspect.getsourcelines(getattr(cls, name).fget)
    return start, start + len(src) - 1


def number(v):
    return repr(float(v))


print("# BLAST-Lite 1.1.1 ageing-model parameters, transcribed by benches/peers/blast_params.py.")
print("# `form` names the Rust file in crates/leapfrog-life/src/models/ that implements the")
print("# equations; models of one form differ only in these numbers. Each parameter is the")
print("# publication's fit as BLAST-Lite carries it (source), at the file and lines in `locator`.")
for mid, cls_name, form, source, name in MODELS:
    cls = getattr(models, cls_name)
    m = cls()
    path = inspect.getsourcefile(cls).split("site-packages/")[1]
    a, b = lines_of(cls, "_params_life")
    print()
    print("[[life_model]]")
    print(f'id = "{mid}"')
    print(f'name = "{name}"')
    print(f'form = "{form}"')
    print(f"capacity_ah = {number(m.cap)}")
    print(f'source = "{source}"')
    print(f'parameter_source = "blast-lite-1.1.1"')
    print(f'parameter_locator = "{path}, lines {a}-{b} (_params_life)"')
    er = m.experimental_range
    t = er["cycling_temperature"]
    d = er["dod"]
    s = er["soc"]
    print(f"range_temperature_c = [{number(t[0])}, {number(t[-1])}]")
    print(f"range_dod = [{number(d[0])}, {number(d[-1])}]")
    print(f"range_soc = [{number(s[0])}, {number(s[-1])}]")
    print(f"range_charge_c_rate = {number(er['max_rate_charge'])}")
    print(f"range_discharge_c_rate = {number(er['max_rate_discharge'])}")
    if hasattr(m, "_ocv"):
        print("ocv_soc = [" + ", ".join(number(x) for x in m._soc_index) + "]")
        print("ocv_v = [" + ", ".join(number(x) for x in m._ocv) + "]")
    print()
    print("[life_model.params]")
    for k, v in m._params_life.items():
        print(f"{k} = {number(v)}")
