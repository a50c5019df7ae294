"""Writes reference/stats_upper_limits.json: Stingray's power_upper_limit, amplitude_upper_limit, pf_upper_limit and
power_confidence_limits (stingray/stats.py, Vaughan et al. 1994 with the noncentral chi-squared), on a grid of inputs
and on the highest Leahy power of monol_testA between 1 and 10 Hz.

Run with the reference environment (Debian bookworm: /usr/bin/python3, numpy 1.24.2, scipy 1.10.1,
astropy 5.2.1, no numba) and Stingray 840569c6 unpacked from shared/peers:

    PYTHONPATH=/path/to/stingray-840569c6 /usr/bin/python3 make_upper_limits_reference.py \
        data/monol_testA.evt reference/stats_upper_limits.json

It only calls Stingray and stores what it returns (Python repr floats; non-finite as strings).
"""
import hashlib
import sys
import warnings

sys.modules["numba"] = None  # as shared/reference: Stingray's pure-numpy fallbacks, even if numba is installed

import numpy as np
from stingray import EventList, AveragedPowerspectrum
from stingray import stats

import reference_json

warnings.simplefilter("ignore")


def main(evt, out):
    ref = {"description": __doc__.splitlines()[0]}

    rows = []
    for pmeas in [1.0, 5.0, 10.0, 20.0, 40.0, 100.0, 1000.0]:
        for n in [1, 2, 16, 100]:
            for c in [0.68, 0.9, 0.95, 0.99]:
                for summed in [True, False]:
                    rows.append([pmeas, n, c, int(summed), stats.power_upper_limit(pmeas, n, c, summed_flag=summed)])
    ref["power_upper_limit"] = {"columns": ["pmeas", "n", "c", "summed_flag", "power_upper_limit"], "rows": rows}

    rows = []
    for pmeas in [10.0, 40.0, 200.0]:
        for counts in [1000, 30000]:
            for n in [1, 16]:
                for fft_corr in [False, True]:
                    for nyq_ratio in [0, 0.3, 1]:
                        for summed in [True, False]:
                            a = stats.amplitude_upper_limit(pmeas, counts, n, 0.95, fft_corr=fft_corr,
                                                            nyq_ratio=nyq_ratio, summed_flag=summed)
                            pf = stats.pf_upper_limit(pmeas, counts, n, 0.95, fft_corr=fft_corr,
                                                      nyq_ratio=nyq_ratio, summed_flag=summed)
                            rows.append([pmeas, counts, n, 0.95, int(fft_corr), nyq_ratio, int(summed), a, pf])
    ref["amplitude_upper_limit"] = {
        "columns": ["pmeas", "counts", "n", "c", "fft_corr", "nyq_ratio", "summed_flag", "amplitude_upper_limit",
                    "pf_upper_limit"], "rows": rows}

    rows = []
    for preal in [0.0, 1.0, 10.0, 150.0, 1000.0]:
        for n in [1, 8, 50]:
            for c in [0.68, 0.95]:
                for summed in [True, False]:
                    lo, hi = stats.power_confidence_limits(preal, n, c, summed_flag=summed)
                    rows.append([preal, n, c, int(summed), lo, hi])
    ref["power_confidence_limits"] = {"columns": ["preal", "n", "c", "summed_flag", "lo", "hi"], "rows": rows}

    ev = EventList.read(evt, fmt="ogip")
    ref["input"] = {"file": evt.split("/")[-1], "sha256": hashlib.sha256(open(evt, "rb").read()).hexdigest()}
    aps = AveragedPowerspectrum.from_events(ev, dt=1 / 128, segment_size=64, norm="leahy")
    good = (aps.freq >= 1.0) & (aps.freq <= 10.0)
    j = np.argmax(np.where(good, aps.power, -np.inf))
    pmax = aps.power[j]
    block = {"call": "AveragedPowerspectrum.from_events(ev, dt=1/128, segment_size=64, norm='leahy'); the highest "
                     "power with 1 <= f <= 10 Hz; power_upper_limit(pmax, n=m, c, summed_flag=False); "
                     "amplitude_upper_limit and pf_upper_limit with counts=nphots (photons per segment)",
             "freq_range": [1.0, 10.0], "index": j, "freq": aps.freq[j], "power": pmax, "m": aps.m,
             "nphots": aps.nphots, "dt": aps.dt}
    for c in [0.9, 0.95, 0.99]:
        block["c_%g" % c] = {
            "power_upper_limit": stats.power_upper_limit(pmax, aps.m, c, summed_flag=False),
            "amplitude_upper_limit": stats.amplitude_upper_limit(pmax, aps.nphots, aps.m, c, summed_flag=False),
            "pf_upper_limit": stats.pf_upper_limit(pmax, aps.nphots, aps.m, c, summed_flag=False)}
    ref["aps_monolA_dt1-128_seg64_leahy_1-10Hz"] = block

    reference_json.write(ref, out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
