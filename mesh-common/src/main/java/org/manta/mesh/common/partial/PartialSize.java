package org.manta.mesh.common.partial;

import org.manta.core.segment.SegmentSpec;
import org.manta.mesh.Topics;
import org.manta.proto.v1.ProductKind;

/**
 * How large a partial accumulator is on the wire ({@code manta.v1.PartialAccumulator}), estimated from its
 * layout before it is made: a sum is {@code nFreq} packed doubles (PDS: 1, or 3 with the per-segment sums;
 * CPDS: 4), a DYNPS partial one row of {@code nFreq} doubles per used segment, a variability-versus-energy
 * partial a few sums per band. The edge refuses a job whose partials cannot cross {@code manta.partials} and
 * {@code manta.combined}; the fft workers and the combiners cut a DYNPS partial at {@link #DYNPS_CUT_BYTES}.
 */
public final class PartialSize {
    /** Bytes of a partial besides its sums and rows (ids, segment ranges of a batch, scalars): generous. */
    public static final long OVERHEAD_BYTES = 16 * 1024;
    /** Bytes of a DYNPS row besides its powers (index, start, photons, field tags). */
    public static final long ROW_OVERHEAD_BYTES = 64;
    /**
     * The largest record that a partial may be: the smaller {@code max.message.bytes} of {@code manta.partials}
     * (fft workers) and {@code manta.combined} (combiners), as mesh-topics configures them.
     */
    public static final long MAX_RECORD_BYTES = Math.min(Topics.PARTIALS_TOPIC.maxMessageBytes(),
            Topics.COMBINED_TOPIC.maxMessageBytes());
    /**
     * A DYNPS partial is published and another started once its rows reach this size: half the largest record,
     * leaving room for the segment ranges and the record overhead (fft workers' batches, combiners' merges).
     */
    public static final long DYNPS_CUT_BYTES = MAX_RECORD_BYTES / 2;
    /** Where a partial's record limit is raised: the topics' config. */
    public static final String RECORD_LIMIT_PROPERTY = "max.message.bytes of " + Topics.PARTIALS + " and " + Topics.COMBINED
            + " (mesh-topics Topics; the KafkaTopics in k8s)";

    private PartialSize() {
    }

    /** Bytes of one DYNPS row of {@code nFreq} powers. */
    public static long rowBytes(int nFreq) {
        return 8L * nFreq + ROW_OVERHEAD_BYTES;
    }

    /** DYNPS rows of {@code nFreq} powers that fit in {@code maxBytes} (at least 1: a partial holds one row). */
    public static long rowsWithin(int nFreq, long maxBytes) {
        return Math.max(1, maxBytes / rowBytes(nFreq));
    }

    /**
     * The estimated wire size of a partial, bytes.
     *
     * @param kind           PDS, CPDS, DYNPS or VARENERGY
     * @param spec           bins per segment ({@code nFreq} frequencies)
     * @param perSegmentSums PDS: with the sums of the per-segment normalisation ({@code use_common_mean = false})
     * @param rows           DYNPS: rows held (used segments)
     */
    public static long estimate(ProductKind kind, SegmentSpec spec, boolean perSegmentSums, long rows) {
        long sums = 8L * spec.nFreq();
        return OVERHEAD_BYTES + switch (kind) {
            case PDS -> (perSegmentSums ? 3 : 1) * sums;
            case CPDS -> 4 * sums;
            case DYNPS -> rows * rowBytes(spec.nFreq());
            default -> 0;       // VARENERGY: a few sums per band
        };
    }

    /**
     * The estimated wire size of a whole-series partial (the finished product) of a light curve of {@code bins} bins,
     * bytes. BICOHERENCE: {@code (n/2+1)²} values for segments of n bins. BISPECTRUM: {@code (2L+1)²} values of the cumulant and of the complex bispectrum with L the spec's
     * {@code maxlag} or {@code bins/2}. LOMB, MULTITAPER: about {@code bins/2} frequencies (Lomb–Scargle's default grid, df = 1/span up to 0.5/dt; the
     * multitaper's Fourier frequencies), each with five doubles (a frequency and a complex power and unnormalised
     * power of a cross spectrum; a frequency, power, unnormalised power, multitaper PSD and jackknife variance); a PDS
     * periodogram likewise. LC: three doubles per bin (time, counts, errors). A Lomb–Scargle grid asked finer ({@code --df}) is larger: the fft
     * worker checks the product it made against the record limit too.
     */
    public static long wholeSeries(org.manta.proto.v1.JobSpec spec, long bins) {
        if (spec.getKind() == ProductKind.BICOHERENCE) {
            long side = Math.round(spec.getBicoherence().getSegmentSize() / spec.getDt()) / 2 + 1;
            return OVERHEAD_BYTES + side * side * 8 + side * 8;
        }
        if (spec.getKind() == ProductKind.BISPECTRUM) {
            long side = 2 * (spec.getBispectrum().hasMaxlag() ? spec.getBispectrum().getMaxlag() : bins / 2) + 1;
            return OVERHEAD_BYTES + side * side * 3 * 8 + side * 2 * 8;
        }
        if (spec.getKind() == ProductKind.LC) {
            return OVERHEAD_BYTES + bins * 3 * 8;        // time, counts, counts_err
        }
        return OVERHEAD_BYTES + (bins / 2 + 1) * 5 * 8;
    }
}
