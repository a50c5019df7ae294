"""Generates ../lightcurve_err_dist.json and ../../data/lightcurve_gauss.lc by calling Stingray (no Stingray code is
copied): Lomb-Scargle and multitaper spectra of light curves with Gaussian errors (err_dist="gauss", Leahy from the
square of the mean error bar) and, for contrast, of the same counts read as Poisson.

Run from any directory, with Stingray's source on the path and numba hidden (as the shared reference
harness did, ORACLE_NUMBA=0):

    STINGRAY_SRC=/path/to/stingray-840569c6 /usr/bin/python3 lightcurve_err_dist.py DATA_DIR OUT.json

Debian bookworm: python3 3.11.2, numpy 1.24.2, scipy 1.10.1, astropy 5.2.1 (apt packages).
"""
import datetime
import hashlib
import json
import os
import sys
import types
import warnings

sys.modules["numba"] = None  # Stingray's pure-numpy fallbacks
try:
    import matplotlib.pyplot  # noqa: F401  (stingray.io imports it; nothing here plots)
except ImportError:  # Debian without python3-matplotlib: an empty stand-in
    sys.modules["matplotlib"] = types.ModuleType("matplotlib")
    sys.modules["matplotlib.pyplot"] = sys.modules["matplotlib"].pyplot = types.ModuleType("matplotlib.pyplot")
sys.path.insert(0, os.environ["STINGRAY_SRC"])

import astropy  # noqa: E402
import numpy as np  # noqa: E402
import scipy  # noqa: E402
from astropy.io import fits  # noqa: E402

import stingray  # noqa: E402
from stingray import Lightcurve  # noqa: E402
from stingray.lombscargle import LombScargleCrossspectrum, LombScarglePowerspectrum  # noqa: E402
from stingray.multitaper import Multitaper  # noqa: E402

SEED = 20261207
N = 256
DT = 0.5  # a power of two: RATE = counts/DT and back is exact
START = 80000000.0
FITS_NAME = "lightcurve_gauss.lc"


def enc(x):
    """Strict JSON: floats via repr (json does), non-finite as strings, complex as {re, im}."""
    a = np.asarray(x)
    if a.dtype == np.longdouble:  # what Stingray's FITS reader keeps; stored as float64
        a = a.astype(np.float64)
    if np.iscomplexobj(a):
        return {"re": enc(a.real), "im": enc(a.imag)}
    if a.ndim == 0:
        v = a.item()
        if isinstance(v, float) and not np.isfinite(v):
            return "NaN" if np.isnan(v) else ("Infinity" if v > 0 else "-Infinity")
        return v
    return [enc(v) for v in a]


def background_subtracted(rng, src_rate, bkg_rate, amp, freq, phase):
    """Counts of a source region minus the scaled counts of a 4x larger background region, and their errors:
    net = S - B/4, err = sqrt(S + B/16) (Gaussian propagation; not Poisson: err^2 far above the net counts)."""
    t = START + (np.arange(N) + 0.5) * DT
    lam = (src_rate * (1 + amp * np.sin(2 * np.pi * freq * (t - START) + phase)) + bkg_rate) * DT
    s = rng.poisson(lam).astype(float)
    b = rng.poisson(4 * bkg_rate * DT, N).astype(float)
    return t, s - b / 4, np.sqrt(s + b / 16)


def curve(t, counts, err, err_dist):
    return Lightcurve(t, counts, err=err, dt=DT, err_dist=err_dist, skip_checks=True)


def power_case(lc, call, norm):
    ps = LombScarglePowerspectrum(lc, norm=norm)
    return {"call": call, "freq": enc(ps.freq), "power": enc(ps.power), "unnorm_power": enc(ps.unnorm_power),
            "n": int(ps.n), "nphots": enc(ps.nphots), "err_dist": ps.err_dist, "variance1": enc(ps.variance1),
            "norm": norm}


def cross_case(lc1, lc2, call, norm):
    cs = LombScargleCrossspectrum(lc1, lc2, norm=norm)
    return {"call": call, "freq": enc(cs.freq), "power": enc(cs.power), "unnorm_power": enc(cs.unnorm_power),
            "n": int(cs.n), "nphots1": enc(cs.nphots1), "nphots2": enc(cs.nphots2), "err_dist": cs.err_dist,
            "variance1": enc(cs.variance1), "variance2": enc(cs.variance2), "norm": norm}


def multitaper_case(lc, call, norm):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Looks like your lightcurve statistic is not poisson"
        mt = Multitaper(lc, norm=norm, adaptive=False)
    return {"call": call, "freq": enc(mt.freq), "power": enc(mt.power), "unnorm_power": enc(mt.unnorm_power),
            "n": int(mt.n), "nphots": enc(mt.nphots), "err_dist": mt.err_dist, "var": enc(mt.var), "norm": norm}


def write_fits(path, t, counts, err):
    """An OGIP light curve: RATE and ERROR (count/s), TIMEDEL, one GTI over the bins; TIME in MET with TIMEZERO 0
    (lcurve_from_fits adds TSTART again to times that are below it)."""
    cols = [fits.Column("TIME", "D", array=t), fits.Column("RATE", "D", array=counts / DT),
            fits.Column("ERROR", "D", array=err / DT)]
    table = fits.BinTableHDU.from_columns(cols, name="RATE")
    for key, value in [("HDUCLAS1", "LIGHTCURVE"), ("TIMEDEL", DT), ("TIMEPIXR", 0.5), ("TIMEZERO", 0.0),
                       ("TIMEUNIT", "s"), ("TSTART", START), ("TSTOP", START + N * DT), ("MJDREFI", 55000),
                       ("MJDREFF", 0.0), ("MJDREF", 55000.0), ("TIMESYS", "TT"), ("TELESCOP", "SIM"),
                       ("INSTRUME", "BKGSUB"), ("OBJECT", "err_dist test")]:
        table.header[key] = value
    gti = fits.BinTableHDU.from_columns([fits.Column("START", "D", array=[START]),
                                         fits.Column("STOP", "D", array=[START + N * DT])], name="GTI")
    fits.HDUList([fits.PrimaryHDU(), table, gti]).writeto(path, overwrite=True)


def main(data_dir, out_path):
    rng = np.random.default_rng(SEED)
    t, c1, e1 = background_subtracted(rng, 20.0, 30.0, 0.3, 0.37, 0.0)
    _, c2, e2 = background_subtracted(rng, 15.0, 30.0, 0.3, 0.37, -0.6)
    result = {
        "description": "Background-subtracted light curves (net = S - B/4, err = sqrt(S + B/16); S ~ Poisson("
        "(src(1 + 0.3 sin(2 pi 0.37 t + phase)) + bkg) dt), B ~ Poisson(4 bkg dt), bkg 30 ct/s, src 20 and 15 ct/s); "
        "Stingray's Lomb-Scargle (method fast) and multitaper spectra with err_dist gauss and poisson",
        "seed": SEED,
        "lc1": {"time": enc(t), "counts": enc(c1), "counts_err": enc(e1), "dt": DT,
                "call": "Lightcurve(t, counts, err=counts_err, dt=0.5, err_dist=ERR_DIST, skip_checks=True)"},
        "lc2": {"time": enc(t), "counts": enc(c2), "counts_err": enc(e2), "dt": DT},
    }
    for dist in ["gauss", "poisson"]:
        lc1, lc2 = curve(t, c1, e1, dist), curve(t, c2, e2, dist)
        for norm in ["leahy", "frac"]:
            result[f"ls_power_{norm}_{dist}"] = power_case(
                lc1, f"LombScarglePowerspectrum(lc1 err_dist='{dist}', norm='{norm}')", norm)
        result[f"ls_cross_leahy_{dist}"] = cross_case(
            lc1, lc2, f"LombScargleCrossspectrum(lc1, lc2 err_dist='{dist}', norm='leahy')", "leahy")
        result[f"mt_leahy_{dist}"] = multitaper_case(
            lc1, f"Multitaper(lc1 err_dist='{dist}', norm='leahy', adaptive=False)  (NW=4, jackknife, low_bias)",
            "leahy")

    path = os.path.join(data_dir, FITS_NAME)
    write_fits(path, t, c1, e1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lc = Lightcurve.read(path, fmt="ogip")
    with open(path, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    result["fits"] = {"file": FITS_NAME, "sha256": sha, "call": "Lightcurve.read(file, fmt='ogip')",
                      "err_dist": lc.err_dist, "time": enc(np.asarray(lc.time, dtype=np.float64)),
                      "counts": enc(np.asarray(lc.counts, dtype=np.float64)),
                      "counts_err": enc(np.asarray(lc.counts_err, dtype=np.float64)), "dt": float(lc.dt),
                      "gti": [enc(np.asarray(g, dtype=np.float64)) for g in lc.gti]}
    result["fits_ls_power_leahy"] = power_case(lc, "LombScarglePowerspectrum(Lightcurve.read(file, fmt='ogip'), "
                                                   "norm='leahy')", "leahy")

    result["versions"] = {
        "stingray_source": "stingray-840569c6.tar.gz (git 840569c6a470d4d18620de7e51573ae4f0284845)",
        "numpy": np.__version__, "scipy": scipy.__version__, "astropy": astropy.__version__,
        "python": sys.version.split()[0], "stingray_HAS_NUMBA": bool(stingray.utils.HAS_NUMBA),
    }
    result["generated_utc"] = datetime.datetime.utcnow().isoformat() + "Z"
    with open(out_path, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
