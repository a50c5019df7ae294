"""Writes reference/stats_significance_powercolors.json: values that Stingray itself returns for
significance, Poisson level, rms and power-colour calls that shared/reference does not cover.

Run with the reference environment (Debian bookworm: /usr/bin/python3, numpy 1.24.2, scipy 1.10.1,
astropy 5.2.1, no numba) and Stingray 840569c6 unpacked from shared/peers:

    PYTHONPATH=/path/to/stingray-840569c6 /usr/bin/python3 make_stats_reference.py \
        data/monol_testA.evt reference/stats_significance_powercolors.json

It only calls Stingray and stores what it returns (Python repr floats; non-finite as strings).
"""
import hashlib
import math
import sys
import warnings

sys.modules["numba"] = None  # as shared/reference: Stingray's pure-numpy fallbacks, even if numba is installed

import numpy as np
from stingray import EventList, AveragedPowerspectrum, AveragedCrossspectrum, DynamicalPowerspectrum
from stingray.crossspectrum import cospectra_pvalue
from stingray.fourier import poisson_level, get_rms_from_unnorm_periodogram, integrate_power_in_frequency_range
from stingray.power_colors import power_color, hue_from_power_color
from stingray import stats

import reference_json

warnings.simplefilter("ignore")


def main(evt, out):
    ev = EventList.read(evt, fmt="ogip")
    ref = {"description": __doc__.splitlines()[0], "input": {"file": evt.split("/")[-1],
           "sha256": hashlib.sha256(open(evt, "rb").read()).hexdigest()}}

    # --- significance (stats.py) ---
    pds = []
    for level in [2.0, 5.0, 10.0, 20.0, 40.0]:
        for ntrial in [1, 100, 1000000]:
            for m in [1, 16]:
                for r in [1, 4]:
                    pds.append([level, ntrial, m, r, stats.pds_probability(level, ntrial, m, r)])
    ref["pds_probability"] = {"columns": ["level", "ntrial", "n_summed_spectra", "n_rebin", "p"], "rows": pds}
    logp = []
    for level in [2.0, 20.0, 100.0, 1000.0, 10000.0]:
        for ntrial in [1, 1000000]:
            for m in [1, 16, 100]:
                logp.append([level, ntrial, m, 1, stats.pds_logprobability(level, ntrial, m, 1)])
    ref["pds_logprobability"] = {"columns": ["level", "ntrial", "n_summed_spectra", "n_rebin", "logp"],
                                 "rows": logp}
    ref["chi2_logp"] = {"columns": ["chi2", "dof", "logp"], "rows": [
        [c, d, stats.chi2_logp(c, d)] for c, d in [(10.0, 2), (31.0, 2), (100.0, 2), (5000.0, 2), (1000.0, 160),
                                                  (1500.0, 200), (3000.0, 200), (50.0, 40)]]}
    det = []
    for eps in [0.5, 0.01, 1e-5]:
        for ntrial in [1, 100, 1000000]:
            for m in [1, 16, 64]:
                for r in [1, 4]:
                    det.append([eps, ntrial, m, r, stats.pds_detection_level(eps, ntrial, m, r)])
    ref["pds_detection_level"] = {"columns": ["epsilon", "ntrial", "n_summed_spectra", "n_rebin", "level"],
                                  "rows": det}
    trials = []
    for p in [0.5, 0.01, 1e-4, 1e-9]:
        for n in [1, 10, 1000, 1000000]:
            trials.append([p, n, stats.p_multitrial_from_single_trial(p, n),
                           stats.p_single_trial_from_p_multitrial(p, n)])
    ref["trials"] = {"columns": ["p", "n", "p_multitrial_from_single_trial", "p_single_trial_from_p_multitrial"],
                     "rows": trials}
    ref["equivalent_gaussian_Nsigma"] = {"columns": ["logp", "nsigma"], "rows": [
        [lp, stats.equivalent_gaussian_Nsigma_from_logp(lp)]
        for lp in [math.log(0.5), math.log(0.1), math.log(0.0013498980316301), math.log(1e-10), -100.0, -299.0,
                   -301.0, -1000.0]]}
    cosp = []
    for nspec in [1, 2, 5, 16, 50, 51, 100]:
        for power in [-3.0, -0.5, 0.0, 0.3, 1.0, 2.5, 6.0]:
            cosp.append([power, nspec, cospectra_pvalue(power, nspec)])
    ref["cospectra_pvalue"] = {"columns": ["power", "nspec", "p"], "rows": cosp}

    # --- cross spectrum classical significances on the acs reference case ---
    soft = ev.filter_energy_range([0, 10])
    hard = ev.filter_energy_range([10, 100])
    cs = AveragedCrossspectrum.from_events(soft, hard, dt=1 / 128, segment_size=64, norm="leahy")
    pv = np.array([cospectra_pvalue(p, cs.m) for p in cs.power.real])
    ref["acs_leahy_cospectra_pvalue"] = {
        "call": "AveragedCrossspectrum.from_events(ev E0-10, ev E10-100, dt=1/128, segment_size=64, norm='leahy'); "
                "cospectra_pvalue(power.real, m) per bin (classical_significances applies it to the complex power)",
        "m": cs.m, "p": pv}

    # --- Poisson level and rms ---
    aps = AveragedPowerspectrum.from_events(ev, dt=1 / 128, segment_size=64, norm="frac")
    meanrate = aps.nphots / aps.segment_size
    ref["poisson_level"] = {"meanrate": meanrate, "n_ph": aps.nphots,
                            "leahy": poisson_level("leahy"), "frac": poisson_level("frac", meanrate=meanrate),
                            "abs": poisson_level("abs", meanrate=meanrate), "none": poisson_level("none", n_ph=aps.nphots),
                            "frac_backrate_0.1": poisson_level("frac", meanrate=meanrate, backrate=0.1)}
    good = (aps.freq >= 0.1) & (aps.freq <= 10.0)
    for kind in ["frac", "abs"]:
        rms, err = get_rms_from_unnorm_periodogram(aps.unnorm_power[good], aps.nphots, aps.df, M=aps.m,
                                                   poisson_noise_unnorm=aps.nphots, segment_size=aps.segment_size,
                                                   kind=kind)
        ref["rms_0.1_10Hz_" + kind] = {
            "call": "AveragedPowerspectrum.from_events(ev, dt=1/128, segment_size=64, norm='frac'); "
                    "get_rms_from_unnorm_periodogram(unnorm_power[0.1<=f<=10], nphots, df, M=m, "
                    "poisson_noise_unnorm=nphots, segment_size, kind='%s')" % kind,
            "rms": rms, "rms_err": err}

        rms, err = get_rms_from_unnorm_periodogram(aps.unnorm_power[good], aps.nphots, aps.df, M=aps.m,
                                                   poisson_noise_unnorm=0, segment_size=aps.segment_size, kind=kind)
        ref["rms_0.1_10Hz_nonoise_" + kind] = {"call": "as above with poisson_noise_unnorm=0", "rms": rms,
                                               "rms_err": err}
    leahy = AveragedPowerspectrum.from_events(ev, dt=1 / 128, segment_size=64, norm="leahy")
    rms, err = leahy.compute_rms(0.1, 10.0, poisson_noise_level=1.9)
    ref["leahy_compute_rms_0.1_10Hz_noise1.9"] = {
        "call": "AveragedPowerspectrum.from_events(ev, dt=1/128, segment_size=64, norm='leahy')"
                ".compute_rms(0.1, 10.0, poisson_noise_level=1.9)", "rms": rms, "rms_err": err}

    # --- power colours ---
    dyn = DynamicalPowerspectrum(ev, segment_size=256, norm="frac", sample_time=1 / 64)
    ncol = dyn.dyn_ps.shape[1]
    block = {"call": "DynamicalPowerspectrum(ev, segment_size=256, norm='frac', sample_time=1/64)",
             "df": dyn.df, "m": dyn.m, "meanrate": dyn.meanrate, "nphots": dyn.nphots, "columns": ncol,
             "dyn_ps_col0_first5": dyn.dyn_ps[:5, 0].real}
    for label, kwargs in [("default_poisson", {}), ("poisson_0", {"poisson_power": 0}),
                          ("poisson_0_exclude", {"poisson_power": 0, "freqs_to_exclude": [[0.5, 0.7], [3, 4]]})]:
        pc0, pc0e, pc1, pc1e = dyn.power_colors(**kwargs)
        block["power_colors_" + label] = {"pc0": pc0, "pc0_err": pc0e, "pc1": pc1, "pc1_err": pc1e,
                                          "hue": hue_from_power_color(pc0, pc1)}
    ref["dynps_monolA_dt1-64_seg256_frac"] = block

    # a smooth analytic spectrum: a zero-centred Lorentzian (HWHM 0.5 Hz, frac rms 0.3) + 4 Hz QPO + noise 0.01
    df = 1 / 512
    freq = np.arange(1, 16385) * df
    hw = 0.5
    lor = 0.3 ** 2 * (hw / np.pi) / (freq ** 2 + hw ** 2) * 2
    qpo = 0.1 ** 2 * (0.25 / np.pi) / ((freq - 4) ** 2 + 0.25 ** 2)
    power = lor + qpo + 0.01
    analytic = {"definition": "freq = arange(1, 16385)/512; power = 0.09*2*(0.5/pi)/(f^2+0.25) "
                              "+ 0.01*(0.25/pi)/((f-4)^2+0.0625) + 0.01", "df": df}
    for label, edges, m, pois in [("heil_m1_p0.01", [1 / 256, 1 / 32, 0.25, 2.0, 16.0], 1, 0.01),
                                  ("heil_m16_p0", [1 / 256, 1 / 32, 0.25, 2.0, 16.0], 16, 0.0),
                                  ("offgrid_m4_p0.01", [0.01, 0.1, 0.7, 3.3, 30.0], 4, 0.01)]:
        pc0, pc0e, pc1, pc1e = power_color(freq, power, freq_edges=edges, df=df, m=m, poisson_power=pois)
        lpc0, lpc0e, lpc1, lpc1e = power_color(freq, power, freq_edges=edges, df=df, m=m, poisson_power=pois,
                                               return_log=True)
        v = integrate_power_in_frequency_range(freq, power, edges[1:3], df=df, m=m, poisson_power=pois)
        analytic[label] = {"freq_edges": edges, "m": m, "poisson_power": pois,
                           "pc0": pc0, "pc0_err": pc0e, "pc1": pc1, "pc1_err": pc1e,
                           "log_pc0": lpc0, "log_pc0_err": lpc0e, "log_pc1": lpc1, "log_pc1_err": lpc1e,
                           "hue": hue_from_power_color(pc0, pc1), "integrated_f1_f2": list(v)}
    pc = power_color(freq, power.copy(), freq_edges=[1 / 256, 1 / 32, 0.25, 2.0, 16.0], df=df, m=1, poisson_power=0.01,
                     freqs_to_exclude=[3.5, 4.5])
    analytic["heil_m1_p0.01_exclude_3.5-4.5"] = {"freqs_to_exclude": [[3.5, 4.5]], "pc0": pc[0], "pc0_err": pc[1],
                                                 "pc1": pc[2], "pc1_err": pc[3]}
    ref["power_color_analytic"] = analytic
    ref["hue_from_power_color"] = {"columns": ["pc0", "pc1", "hue"], "rows": [
        [a, b, hue_from_power_color(a, b)] for a, b in
        [(4.5192, 0.453724 * 2), (10.0, 0.1), (1.0, 1.0), (0.1, 10.0), (4.5192 * 3, 0.453724 / 3), (100.0, 0.453724)]]}

    reference_json.write(ref, out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
