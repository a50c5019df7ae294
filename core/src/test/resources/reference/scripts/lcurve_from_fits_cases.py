"""Writes three small OGIP light curves with astropy and ../lcurve_from_fits.json, what Stingray's
io.lcurve_from_fits reads from them (no Stingray code is copied).

Run from any directory, with Stingray's source on the path and numba hidden (as the shared reference
harness did):

    STINGRAY_SRC=/path/to/stingray-840569c6 /usr/bin/python3 lcurve_from_fits_cases.py DATA_DIR OUT.json

Debian bookworm: python3 3.11.2, numpy 1.24.2, astropy 5.2.1 (apt packages).
"""
import hashlib
import json
import os
import sys
import warnings

sys.modules["numba"] = None  # Stingray's pure-numpy fallbacks
sys.path.insert(0, os.environ["STINGRAY_SRC"])

import astropy  # noqa: E402
import numpy as np  # noqa: E402
from astropy.io import fits  # noqa: E402

import stingray  # noqa: E402
from stingray.io import lcurve_from_fits  # noqa: E402

DT = 0.5
START = 80000000.0
NAN = float("nan")

# name: (rate column, its TFORM, rates, FRACEXP (TFORM E) or None, GTI extension or None)
CASES = {
    # FRACEXP in single precision, as instruments write it: 0.9 is stored as 0.89999998 < 0.9 (left out)
    "lcurve_fracexp.lc": ("RATE", "E", [2, 4, 0, NAN, 8, 2, 10, 4, 6, 8, 12, 2],
                          [1.0, 0.95, 0.5, 1.0, 0.9, 0.89, 1.0, 0.95, 0.92, 0.3, 1.0, 1.0], None),
    "lcurve_nan_gti.lc": ("RATE", "D", [NAN, 2, 4, NAN, 6, 8, 4, NAN], None,
                          [[START, START + 2 * DT], [START + 3 * DT, START + 8 * DT]]),
    "lcurve_rate1.lc": ("RATE1", "D", [NAN, NAN, 2, 4, NAN, 6, 8, 2], [1, 1, 1, 1, 1, 0.95, 1, 1], None),
}


def enc(a):
    """Float64 values (Python repr through json); NaN as the string "NaN"."""
    return ["NaN" if np.isnan(v) else float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def write(path, ratecol, tform, rate, fracexp, gti):
    n = len(rate)
    cols = [fits.Column("TIME", "D", array=START + (np.arange(n) + 0.5) * DT),
            fits.Column(ratecol, tform, array=np.array(rate))]
    if fracexp is not None:
        cols.append(fits.Column("FRACEXP", "E", array=np.array(fracexp, dtype=np.float32)))
    table = fits.BinTableHDU.from_columns(cols, name="RATE")
    for key, value in [("HDUCLAS1", "LIGHTCURVE"), ("TIMEDEL", DT), ("TIMEPIXR", 0.5), ("TIMEZERO", 0.0),
                       ("TIMEUNIT", "s"), ("TSTART", START), ("TSTOP", START + n * DT), ("MJDREF", 55000.0)]:
        table.header[key] = value
    hdus = [fits.PrimaryHDU(), table]
    if gti is not None:
        hdus.append(fits.BinTableHDU.from_columns([fits.Column("START", "D", array=[g[0] for g in gti]),
                                                   fits.Column("STOP", "D", array=[g[1] for g in gti])], name="GTI"))
    fits.HDUList(hdus).writeto(path, overwrite=True)


def main(data_dir, out_path):
    result = {"call": "stingray.io.lcurve_from_fits(file) (fracexp_limit=0.9)", "cases": {}}
    for name, (ratecol, tform, rate, fracexp, gti) in CASES.items():
        path = os.path.join(data_dir, name)
        write(path, ratecol, tform, rate, fracexp, gti)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            d = lcurve_from_fits(path)
        with open(path, "rb") as f:
            sha = hashlib.sha256(f.read()).hexdigest()
        result["cases"][name] = {"sha256": sha, "rate_column": ratecol, "dt": float(d["dt"]),
                                 "time": enc(d["time"]), "counts": enc(d["counts"]),
                                 "gti": [enc(g) for g in np.asarray(d["gti"])]}
    result["versions"] = {
        "stingray_source": "stingray-840569c6.tar.gz (git 840569c6a470d4d18620de7e51573ae4f0284845)",
        "numpy": np.__version__, "astropy": astropy.__version__,
        "python": sys.version.split()[0], "stingray_HAS_NUMBA": bool(stingray.utils.HAS_NUMBA),
    }
    with open(out_path, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
