"""Writes reference/multitaper_lombscargle_sim.json: Stingray's Lomb-Scargle multitaper, Multitaper(lc, NW,
lombscargle=True, norm), on the unevenly sampled light curve of lombscargle_sim.json (600 times; 299 frequencies,
so astropy's LombScargle 'auto' method is its approximate 'fast' one) and on its first 300 points (149 frequencies:
astropy's exact 'cython' method); and, labelled n600_astropy_exact, the 600 points again with astropy's
LombScargle.power forced to method='cython' (the only change), to separate astropy's approximation from the rest.

Run with the reference environment (Debian bookworm: /usr/bin/python3, numpy 1.24.2, scipy 1.10.1,
astropy 5.2.1, no numba) and Stingray 840569c6 unpacked from shared/peers:

    PYTHONPATH=/path/to/stingray-840569c6 /usr/bin/python3 make_multitaper_lombscargle_reference.py \
        reference/lombscargle_sim.json reference/multitaper_lombscargle_sim.json

It only calls Stingray and stores what it returns (Python repr floats; non-finite as strings).
"""
import contextlib
import io
import json
import sys
import warnings

sys.modules["numba"] = None  # as shared/reference: Stingray's pure-numpy fallbacks, even if numba is installed

import numpy as np
import stingray
from stingray import Lightcurve
import stingray.multitaper
from astropy.timeseries import LombScargle
from stingray.multitaper import Multitaper

import reference_json

warnings.simplefilter("ignore")


class ExactLombScargle(LombScargle):
    """astropy's LombScargle with its exact 'cython' method whatever the number of frequencies."""

    def power(self, *args, **kwargs):
        kwargs["method"] = "cython"
        return super().power(*args, **kwargs)


def main(source, out):
    src = json.load(open(source))
    t_all = np.array(src["time"], dtype=float)
    c_all = np.array(src["counts"], dtype=float)
    ref = {"description": __doc__.splitlines()[0], "source": source.split("/")[-1],
           "lightcurve_call": "Lightcurve(t, counts, dt=1.0, skip_checks=True, gti=[[t[0]-0.5, t[-1]+0.5]])"}
    for name, n in [("n600", 600), ("n300", 300), ("n600_astropy_exact", 600)]:
        stingray.multitaper.LombScargle = ExactLombScargle if name.endswith("astropy_exact") else LombScargle
        t = t_all[:n]
        c = c_all[:n]
        case = {"n": n}
        for nw, low_bias in [(4, True), (2.5, False)]:
            for norm in ["leahy", "frac", "none"]:
                lc = Lightcurve(t, c, dt=1.0, skip_checks=True, gti=[[t[0] - 0.5, t[-1] + 0.5]])
                with contextlib.redirect_stdout(io.StringIO()):
                    mt = Multitaper(lc, NW=nw, lombscargle=True, low_bias=low_bias, norm=norm)
                key = "nw%g_%s_%s" % (nw, "lowbias" if low_bias else "all", norm)
                case[key] = {"call": "Multitaper(lc, NW=%g, lombscargle=True, low_bias=%s, norm='%s')"
                                     % (nw, low_bias, norm),
                             "freq": mt.freq, "power": mt.power, "unnorm_power": mt.unnorm_power,
                             "multitaper_norm_power": mt.multitaper_norm_power, "eigvals": mt.eigvals,
                             "nphots": mt.nphots, "n": mt.n, "dt": mt.dt, "df": mt.df}
        ref[name] = case
    reference_json.write(ref, out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
