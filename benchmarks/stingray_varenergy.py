#!/usr/bin/env python3
"""Stingray's LagSpectrum and RmsSpectrum on an event file, timed: the peer side of `manta bench --products varenergy`.

Imports the Stingray source in shared/peers the way shared/peers/stingray_run.py does (STINGRAY_PEER, default
~/stingray-peer, holds the unpacked tarball; Debian's python3 with python3-numpy/-scipy/-astropy[/-numba]).

Usage:
    /usr/bin/python3 stingray_varenergy.py FILE --bands 0.3,...,10 --freq 1:10 --dt 1/4096 --segment 64 [--ref LO:HI] [-o out.json]

Prints one JSON line: read, lag and rms wall seconds (each after a warm-up on a small list), events, segments,
peak RSS; with -o also the two spectra (energy_intervals, spectrum, spectrum_error).
"""
import argparse
import json
import os
import resource
import sys
import time

PEER = os.environ.get("STINGRAY_PEER", os.path.expanduser("~/stingray-peer"))
sys.path.insert(0, PEER)
if os.environ.get("NUMBA", "1") == "0":
    sys.modules["numba"] = None
import numpy as np  # noqa: E402

try:  # Debian bookworm's numba lacks the "bool" alias Stingray's signatures use
    import numba.core.types as _nbt
    if not hasattr(_nbt, "bool"):
        _nbt.bool = _nbt.boolean
except Exception:
    pass
import warnings  # noqa: E402
warnings.filterwarnings("ignore")
from stingray import EventList  # noqa: E402
from stingray.varenergyspectrum import LagSpectrum, RmsSpectrum  # noqa: E402


def frac(s):
    if "/" in s:
        a, b = s.split("/")
        return float(a) / float(b)
    return float(s)


def pair(s):
    lo, hi = s.split(":")
    return [float(lo), float(hi)]


def enc(x):
    """Floats; non-finite values as the strings "NaN", "Infinity", "-Infinity" (the references' convention)."""
    names = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}
    return [v if np.isfinite(v) else names[str(v)] for v in np.asarray(x, dtype=float).tolist()]


def spectra(ev, a, edges):
    ref = a.ref if a.ref else None
    t0 = time.perf_counter()
    lag = LagSpectrum(ev, freq_interval=a.freq, energy_spec=edges, ref_band=ref, bin_time=a.dt,
                      segment_size=a.segment)
    t1 = time.perf_counter()
    rms = RmsSpectrum(ev, freq_interval=a.freq, energy_spec=edges, ref_band=ref, bin_time=a.dt,
                      segment_size=a.segment, norm="frac")
    t2 = time.perf_counter()
    return lag, rms, t1 - t0, t2 - t1


def main():
    p = argparse.ArgumentParser()
    p.add_argument("file")
    p.add_argument("--bands", required=True)
    p.add_argument("--freq", type=pair, required=True)
    p.add_argument("--ref", type=pair)
    p.add_argument("--dt", type=frac, default=1 / 4096)
    p.add_argument("--segment", type=float, default=64.0)
    p.add_argument("-o", "--output")
    a = p.parse_args()
    edges = [float(e) for e in a.bands.split(",")]
    # warm-up (numba compilation, imports) on a small list, not timed
    rng = np.random.default_rng(0)
    tw = np.sort(rng.uniform(0, 4 * a.segment, 20000))
    ew = EventList(tw, gti=np.array([[0.0, 4 * a.segment]]), energy=rng.uniform(edges[0], edges[-1], tw.size))
    spectra(ew, a, edges)
    t0 = time.perf_counter()
    ev = EventList.read(a.file, fmt="ogip")
    read_s = time.perf_counter() - t0
    lag, rms, lag_s, rms_s = spectra(ev, a, edges)
    out = {"tool": "stingray", "cmd": "varenergy", "read_s": read_s, "lag_s": lag_s, "rms_s": rms_s,
           "wall_s": read_s + lag_s + rms_s, "events": int(len(ev.time)), "bands": len(edges) - 1,
           "segments": int(np.sum(np.diff(ev.gti, axis=1) // a.segment)),
           "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    if a.output:
        with open(a.output, "w") as fh:
            json.dump({"lag": {"energy_intervals": [list(map(float, e)) for e in lag.energy_intervals],
                               "spectrum": enc(lag.spectrum), "spectrum_error": enc(lag.spectrum_error)},
                       "rms": {"spectrum": enc(rms.spectrum), "spectrum_error": enc(rms.spectrum_error)}}, fh)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
