package org.manta.core.segment;

/**
 * The counts of one segment in two channels (subject and reference band) for cross spectra.
 *
 * @param index   segment index (see {@link CountSegment#index()})
 * @param start   segment start time, MET s
 * @param counts1 subject-band counts per bin, length {@code nbin}
 * @param counts2 reference-band counts per bin, length {@code nbin}
 */
public record CountSegmentPair(long index, double start, double[] counts1, double[] counts2) {
}
