/**
 * The job plan, made once and used by every path (design.md §2.1): from a {@link JobRequest} and the
 * headers of its event files, {@link JobPlan#of} fixes the compatible bin time, the GTIs the segments
 * are cut from, the segment starts and which input and band feeds each channel; {@link WorkUnits}
 * cuts a plan into {@link WorkUnit}s (runs of whole segments, each a row range of every input), which
 * the embedded pipeline and the mesh's fft workers process with the same {@link UnitReader} and the
 * same per-segment rules ({@link org.manta.core.pipeline.SegmentKernel}). {@link Observation} is the context
 * (headers and bands) a plan's product is read in, made from the plan the same way on both paths.
 * {@link ObservationPlans} plans several observations of one request, averaged as one set of segments.
 */
package org.manta.core.plan;
