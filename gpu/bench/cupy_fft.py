"""CuPy's FFT of the same batches as Manta's GPU engine (docs/gpu.md): the histograms GpuBench wrote
(counts.f64: little-endian float64 rows of NBIN), batched rfft + |X|^2 summed over the batch, FP64, timed
with CUDA events after a warm-up. Prints one Markdown table row per batch size, and the largest relative
difference of the summed power against numpy (CPU) as a check.

Usage: python3 cupy_fft.py counts.f64 NBIN
"""
import sys

import cupy as cp
import numpy as np

path, nbin = sys.argv[1], int(sys.argv[2])
host = np.fromfile(path, dtype="<f8").reshape(-1, nbin)
rows = host.shape[0]
dev = cp.asarray(host)
nfreq = nbin // 2 - 1 if nbin % 2 == 0 else (nbin - 1) // 2


def power_sum(x):
    spec = cp.fft.rfft(x, axis=1)
    return (spec.real[:, 1:nfreq + 1] ** 2 + spec.imag[:, 1:nfreq + 1] ** 2).sum(axis=0)


for batch in sorted({b for b in (16, 64, rows) if b <= rows}):
    x = dev[:batch]
    power_sum(x)
    cp.cuda.Stream.null.synchronize()
    start, stop = cp.cuda.Event(), cp.cuda.Event()
    reps = 20
    start.record()
    for _ in range(reps):
        power_sum(x)
    stop.record()
    stop.synchronize()
    seconds = cp.cuda.get_elapsed_time(start, stop) / 1e3 / reps
    print(f"| FFT + power of resident histograms | CuPy rfft (batch {batch}) | {batch} | {seconds:.4f} | "
          f"{batch / seconds:.1f} |")
want = (np.abs(np.fft.rfft(host, axis=1)[:, 1:nfreq + 1]) ** 2).sum(axis=0)
got = cp.asnumpy(power_sum(dev))
print(f"\nCuPy vs numpy summed power: largest difference {np.max(np.abs(got - want)) / np.max(np.abs(want)):.3g} "
      f"of the largest value")
