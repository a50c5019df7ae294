package org.manta.core.segment;

/**
 * The counts of one segment, ready for a spectral accumulator (the element type of the accumulator
 * {@link java.util.stream.Collector}s).
 *
 * @param index  segment index: position of the segment in the list of segment starts of the
 *               observation (unique per segment; used to keep partial results disjoint)
 * @param start  segment start time, MET s
 * @param counts counts per bin, length {@code nbin}; owned by the record, not modified
 */
public record CountSegment(long index, double start, double[] counts) {
}
