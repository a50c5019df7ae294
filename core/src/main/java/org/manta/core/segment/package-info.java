/**
 * Segment boundaries and per-segment count arrays (science.md §2.4–2.7, §3; errata M1, L11).
 *
 * <ul>
 *   <li>{@link org.manta.core.segment.SegmentSpec}: bin time and the fixed segment length {@code T = N·dt};</li>
 *   <li>{@link org.manta.core.segment.Segments}: where segments start, for events and for light curves;</li>
 *   <li>{@link org.manta.core.segment.EventCursor}: event index of each segment boundary, as one forward sweep;</li>
 *   <li>{@link org.manta.core.segment.Histogram}: counts per bin of one event segment (numpy rule);</li>
 *   <li>{@link org.manta.core.segment.SegmentSet}: which segments an accumulator has used or a mesh partial has processed, as run-length ranges.</li>
 * </ul>
 */
package org.manta.core.segment;
