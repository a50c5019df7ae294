"""Generates ../multitaper_bispectrum_sim.json by calling Stingray (no Stingray code is copied).

Run from any directory, with Stingray's source on the path and numba hidden (as the shared
reference harness did, ORACLE_NUMBA=0):

    STINGRAY_SRC=/path/to/stingray-840569c6 /usr/bin/python3 multitaper_bispectrum_sim.py OUT.json

Debian bookworm: python3 3.11.2, numpy 1.24.2, scipy 1.10.1, astropy 5.2.1 (apt packages).
"""
import datetime
import json
import os
import subprocess
import sys

sys.modules["numba"] = None  # Stingray's pure-numpy fallbacks
sys.path.insert(0, os.environ["STINGRAY_SRC"])

import astropy  # noqa: E402
import numpy as np  # noqa: E402
import scipy  # noqa: E402
from scipy.signal.windows import dpss  # noqa: E402

import stingray  # noqa: E402
from stingray import Lightcurve  # noqa: E402
from stingray.bispectrum import Bispectrum  # noqa: E402
from stingray.multitaper import Multitaper  # noqa: E402


def enc(x):
    """Strict JSON: floats via repr (json does), non-finite as strings, complex as {re, im}."""
    a = np.asarray(x)
    if np.iscomplexobj(a):
        return {"re": enc(a.real), "im": enc(a.imag)}
    if a.ndim == 0:
        v = a.item()
        if isinstance(v, float) and not np.isfinite(v):
            return "NaN" if np.isnan(v) else ("Infinity" if v > 0 else "-Infinity")
        return v
    return [enc(v) for v in a]


def lightcurve(rng, n, dt, rate, amp, freq):
    t = np.arange(n) * dt + 0.5 * dt
    lam = rate * dt * (1 + amp * np.sin(2 * np.pi * freq * t))
    counts = rng.poisson(lam).astype(float)
    return Lightcurve(t, counts, dt=dt, skip_checks=True), t, counts


def multitaper_case(lc, call, **kw):
    mt = Multitaper(lc, **kw)
    out = {
        "call": call,
        "freq": enc(mt.freq),
        "power": enc(mt.power),
        "power_err": enc(mt.power_err),
        "unnorm_power": enc(mt.unnorm_power),
        "multitaper_norm_power": enc(mt.multitaper_norm_power),
        "eigvals": enc(mt.eigvals),
        "jk_var_deg_freedom": enc(mt.jk_var_deg_freedom),
        "df": enc(mt.df),
        "dt": enc(mt.dt),
        "n": int(mt.n),
        "m": int(mt.m),
        "nphots": enc(mt.nphots),
        "norm": mt.norm,
    }
    return out


def bispectrum_case(lc, call, **kw):
    bs = Bispectrum(lc, **kw)
    return {
        "call": call,
        "maxlag": int(bs.maxlag),
        "lags": enc(bs.lags),
        "freq": enc(bs.freq),
        "cum3": enc(bs.cum3),
        "bispec": enc(bs.bispec),
        "bispec_mag": enc(bs.bispec_mag),
        "bispec_phase": enc(bs.bispec_phase),
    }


def main(out_path):
    rng = np.random.default_rng(20261206)
    result = {
        "description": "Multitaper and bispectrum of short simulated evenly binned light curves: counts "
        "Poisson(rate*dt*(1+amp*sin(2 pi f t))); values stored",
        "seed": 20261206,
    }
    lc_even, t, c = lightcurve(rng, 300, 0.25, 40.0, 0.4, 0.8)
    result["mt_lc_even"] = {"time": enc(t), "counts": enc(c), "dt": 0.25,
                            "call": "Lightcurve(t, counts, dt=0.25, skip_checks=True)"}
    lc_odd, t, c = lightcurve(rng, 301, 0.5, 20.0, 0.3, 0.3)
    result["mt_lc_odd"] = {"time": enc(t), "counts": enc(c), "dt": 0.5,
                           "call": "Lightcurve(t, counts, dt=0.5, skip_checks=True)"}
    result["mt_frac"] = multitaper_case(
        lc_even, "Multitaper(lc_even, norm='frac', NW=4)  (adaptive=False, jackknife=True, low_bias=True)",
        norm="frac", NW=4)
    result["mt_leahy_adaptive"] = multitaper_case(
        lc_even, "Multitaper(lc_even, norm='leahy', NW=4, adaptive=True)  (jackknife=True)",
        norm="leahy", NW=4, adaptive=True)
    result["mt_abs_adaptive_nojackknife"] = multitaper_case(
        lc_even, "Multitaper(lc_even, norm='abs', NW=4, adaptive=True, jackknife=False)",
        norm="abs", NW=4, adaptive=True, jackknife=False)
    result["mt_none_odd_nw2.5_nojackknife"] = multitaper_case(
        lc_odd, "Multitaper(lc_odd, norm='none', NW=2.5, jackknife=False)",
        norm="none", NW=2.5, jackknife=False)
    tapers, ratios = dpss(300, 4, Kmax=8, sym=False, return_ratios=True)
    result["dpss_300_nw4"] = {"call": "scipy.signal.windows.dpss(300, 4, Kmax=8, sym=False, return_ratios=True)",
                              "tapers": enc(tapers), "ratios": enc(ratios)}
    tapers, ratios = dpss(301, 2.5, Kmax=5, sym=False, return_ratios=True)
    result["dpss_301_nw2.5"] = {"call": "scipy.signal.windows.dpss(301, 2.5, Kmax=5, sym=False, return_ratios=True)",
                                "tapers": enc(tapers), "ratios": enc(ratios)}

    lc_bs, t, c = lightcurve(rng, 96, 1.0, 30.0, 0.5, 0.1)
    result["bs_lc"] = {"time": enc(t), "counts": enc(c), "dt": 1.0,
                       "call": "Lightcurve(t, counts, dt=1.0, skip_checks=True)"}
    result["bs_biased"] = bispectrum_case(lc_bs, "Bispectrum(lc, maxlag=10)", maxlag=10)
    result["bs_unbiased"] = bispectrum_case(lc_bs, "Bispectrum(lc, maxlag=10, scale='unbiased')", maxlag=10,
                                            scale="unbiased")
    for w in ["uniform", "parzen", "hamming", "hanning", "triangular", "welch", "blackmann", "flat-top"]:
        result["bs_window_" + w] = bispectrum_case(lc_bs, f"Bispectrum(lc, maxlag=10, window='{w}')", maxlag=10,
                                                   window=w)
    lc_small, t, c = lightcurve(rng, 31, 0.5, 30.0, 0.5, 0.2)
    result["bs_lc_small"] = {"time": enc(t), "counts": enc(c), "dt": 0.5,
                             "call": "Lightcurve(t, counts, dt=0.5, skip_checks=True)"}
    result["bs_default_maxlag_unbiased"] = bispectrum_case(
        lc_small, "Bispectrum(lc_small, scale='unbiased')  (maxlag = int(n/2))", scale="unbiased")

    src = os.environ["STINGRAY_SRC"]
    result["versions"] = {
        "stingray_source": "stingray-840569c6.tar.gz (git 840569c6a470d4d18620de7e51573ae4f0284845)",
        "numpy": np.__version__, "scipy": scipy.__version__, "astropy": astropy.__version__,
        "python": sys.version.split()[0], "stingray_HAS_NUMBA": bool(stingray.utils.HAS_NUMBA),
    }
    result["generated_utc"] = datetime.datetime.utcnow().isoformat() + "Z"
    with open(out_path, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main(sys.argv[1])
