#!/usr/bin/env python3
"""Stingray's spectra of the extended-precision test files (precision_stingray.json).

The files are written by the Java test fixture org.manta.core.io.PrecisionFiles (core test classes):
    java -cp core/target/classes:core/target/test-classes:<deps> org.manta.core.io.PrecisionFiles DIR
Then, with Debian bookworm's interpreter and packages (numpy 1.24.2, scipy, astropy: the reference
oracle's environment, whose numpy casting rules decide where longdouble values are rounded):
    NUMBA=0 /usr/bin/python3 precision_stingray.py STINGRAY_SRC DIR > precision_stingray.json
STINGRAY_SRC is the unpacked shared/peers/stingray-840569c6.tar.gz (the directory holding stingray/).
numba is hidden, as for every reference (numpy's histogram rule, errata M1).
"""
import datetime
import hashlib
import json
import os
import sys
import warnings

sys.path.insert(0, sys.argv[1])
sys.modules["numba"] = None
warnings.filterwarnings("ignore")
import numpy as np  # noqa: E402
import scipy  # noqa: E402
import astropy  # noqa: E402
import stingray  # noqa: E402
from stingray import EventList, AveragedPowerspectrum, AveragedCrossspectrum  # noqa: E402

DIR = sys.argv[2]


def enc(x):
    x = np.asarray(x)
    if np.iscomplexobj(x):
        return {"re": enc(x.real), "im": enc(x.imag)}
    return [float(v) for v in x.astype(float)]


def sha256(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def read(name):
    return EventList.read(os.path.join(DIR, name), fmt="ogip")


def product(res, files):
    return {"inputs": [{"file": f, "sha256": sha256(os.path.join(DIR, f))} for f in files],
            "dt_requested": None, "freq": enc(res.freq), "power": enc(res.power),
            "m": int(res.m), "n": int(res.n), "nphots": float(res.nphots) if np.ndim(res.nphots) == 0 else None,
            "gti": [[float(a), float(b)] for a, b in res.gti]}


cases = {}
tz = read("precision_timezero.evt")
td = read("precision_timedel.evt")
for name, ev, files, dt in [("pds_timezero_dt0.003_seg10_leahy", tz, ["precision_timezero.evt"], 0.003),
                            ("pds_timedel_dt0.0031_seg10_leahy", td, ["precision_timedel.evt"], 0.0031)]:
    res = AveragedPowerspectrum.from_events(ev, dt=dt, segment_size=10, norm="leahy", silent=True)
    cases[name] = product(res, files)
    cases[name]["dt_requested"] = dt
res = AveragedCrossspectrum.from_events(td, tz, dt=0.0031, segment_size=10, norm="leahy", silent=True)
cases["cpds_timedel_vs_timezero_dt0.0031_seg10_leahy"] = product(
    res, ["precision_timedel.evt", "precision_timezero.evt"])
cases["cpds_timedel_vs_timezero_dt0.0031_seg10_leahy"]["dt_requested"] = 0.0031
out = {"generated_utc": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
       "versions": {"stingray": getattr(stingray, "__version__", "840569c6"), "numpy": np.__version__,
                    "scipy": scipy.__version__, "astropy": astropy.__version__, "stingray_HAS_NUMBA": False},
       "cases": cases}
json.dump(out, sys.stdout)
