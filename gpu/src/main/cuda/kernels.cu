// Manta's GPU kernels (docs/gpu.md): histogram of event times per segment, and the accumulation of power,
// cross power and dynamical rows from a batch of cuFFT D2Z spectra. FP64 throughout. Compiled to PTX with
// -fmad=false (build-ptx.sh) so that every product and sum is the IEEE operation the Java code does:
// histogram bins are then bit-identical to org.manta.core.segment.Histogram.countSegment and the sums differ
// from the CPU's only through the FFT's rounding. The committed PTX is src/main/resources/org/manta/gpu/kernels.ptx.
//
// Layouts (org.manta.gpu.BatchLayout): a batch holds up to `slots` segments per channel; slot s of channel c is
// row r = c*slots + s. rows: `rowStride` doubles per row (2*(nbin/2+1): the in-place D2Z padding), the row's
// first nbin doubles are the counts, and after the FFT the row is nbin/2+1 complex values X_0..X_{nbin/2}.

extern "C" {

// Counts the events of each row into its bins with numpy's histogram rule (Histogram.countSegment):
// x = t - start; dropped unless 0 <= x <= T; k = (int)(x*norm), clamped to nbin-1; then moved down when
// x < k*step, or up when k != nbin-1 and x >= (k+1)*step. Counts are integer-valued doubles, so the atomic
// adds are exact in any order. binned[r] gets the number of events counted. Grid: (x blocks, rows).
__global__ void manta_histogram(const double* __restrict__ times, const long long* __restrict__ first,
                                const int* __restrict__ count, const double* __restrict__ start,
                                int nbin, double segment, double norm, double step, long long rowStride,
                                double* rows, int* binned) {
    __shared__ int blockBinned;
    int r = blockIdx.y;
    if (threadIdx.x == 0) {
        blockBinned = 0;
    }
    __syncthreads();
    long long from = first[r];
    int n = count[r];
    double s = start[r];
    double* row = rows + (long long) r * rowStride;
    int mine = 0;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {
        double x = __dsub_rn(times[from + i], s);
        if (!(x >= 0.0 && x <= segment)) {
            continue;
        }
        int k = (int) __dmul_rn(x, norm);
        if (k >= nbin) {
            k = nbin - 1;
        }
        if (x < __dmul_rn((double) k, step)) {
            k--;
        } else if (k != nbin - 1 && x >= __dmul_rn((double) (k + 1), step)) {
            k++;
        }
        atomicAdd(row + k, 1.0);
        mine++;
    }
    if (mine > 0) {
        atomicAdd(&blockBinned, mine);
    }
    __syncthreads();
    if (threadIdx.x == 0 && blockBinned > 0) {
        atomicAdd(binned + r, blockBinned);
    }
}

// Adds P_j = |X_j|^2, j = 1..nfreq, of every used slot (binned > 0), in slot order, to sumP[j-1]; with
// perSegment also P_j*w and P_j*w^2, w = 1/binned (PowerAccumulator.accumulate). One thread per frequency.
__global__ void manta_power(const double2* __restrict__ spectra, long long specStride, int slots,
                            const int* __restrict__ binned, int nfreq, int perSegment,
                            double* sumP, double* sumPw, double* sumPw2) {
    int j = blockIdx.x * blockDim.x + threadIdx.x + 1;
    if (j > nfreq) {
        return;
    }
    double p0 = sumP[j - 1];
    double p1 = perSegment ? sumPw[j - 1] : 0.0;
    double p2 = perSegment ? sumPw2[j - 1] : 0.0;
    for (int s = 0; s < slots; s++) {
        int b = binned[s];
        if (b == 0) {
            continue;
        }
        double2 x = spectra[(long long) s * specStride + j];
        double p = __dadd_rn(__dmul_rn(x.x, x.x), __dmul_rn(x.y, x.y));
        p0 = __dadd_rn(p0, p);
        if (perSegment) {
            double w = __ddiv_rn(1.0, (double) b);
            double w2 = __dmul_rn(w, w);
            p1 = __dadd_rn(p1, __dmul_rn(p, w));
            p2 = __dadd_rn(p2, __dmul_rn(p, w2));
        }
    }
    sumP[j - 1] = p0;
    if (perSegment) {
        sumPw[j - 1] = p1;
        sumPw2[j - 1] = p2;
    }
}

// Adds the cross power C_j = X1_j* . X2_j and both powers of every slot whose two channels are used
// (FourierKernels.accumulateCross): Re C = a*c + b*d, Im C = a*d - b*c for X1 = a+ib, X2 = c+id.
// Channel 2's slot s is spectrum row slots + s.
__global__ void manta_cross(const double2* __restrict__ spectra, long long specStride, int slots,
                            const int* __restrict__ binned, int nfreq,
                            double* sumRe, double* sumIm, double* sumP1, double* sumP2) {
    int j = blockIdx.x * blockDim.x + threadIdx.x + 1;
    if (j > nfreq) {
        return;
    }
    double re = sumRe[j - 1];
    double im = sumIm[j - 1];
    double q1 = sumP1[j - 1];
    double q2 = sumP2[j - 1];
    for (int s = 0; s < slots; s++) {
        if (binned[s] == 0 || binned[slots + s] == 0) {
            continue;
        }
        double2 x1 = spectra[(long long) s * specStride + j];
        double2 x2 = spectra[(long long) (slots + s) * specStride + j];
        double a = x1.x, b = x1.y, c = x2.x, d = x2.y;
        re = __dadd_rn(re, __dadd_rn(__dmul_rn(a, c), __dmul_rn(b, d)));
        im = __dadd_rn(im, __dsub_rn(__dmul_rn(a, d), __dmul_rn(b, c)));
        q1 = __dadd_rn(q1, __dadd_rn(__dmul_rn(a, a), __dmul_rn(b, b)));
        q2 = __dadd_rn(q2, __dadd_rn(__dmul_rn(c, c), __dmul_rn(d, d)));
    }
    sumRe[j - 1] = re;
    sumIm[j - 1] = im;
    sumP1[j - 1] = q1;
    sumP2[j - 1] = q2;
}

// One dynamical row per slot: out[s*nfreq + j-1] = |X_j|^2 (DynamicalPowerAccumulator.add). Grid: (x blocks, slots).
__global__ void manta_dynamical(const double2* __restrict__ spectra, long long specStride, int nfreq, double* out) {
    int j = blockIdx.x * blockDim.x + threadIdx.x + 1;
    int s = blockIdx.y;
    if (j > nfreq) {
        return;
    }
    double2 x = spectra[(long long) s * specStride + j];
    out[(long long) s * nfreq + j - 1] = __dadd_rn(__dmul_rn(x.x, x.x), __dmul_rn(x.y, x.y));
}

}
