package org.manta.reduce.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What reduce-service measures (Prometheus {@code manta_reduce_*}); segments/s is the rate of {@code segments};
 * {@code duplicates} counts redeliveries dropped by the combiners and by the final merge; the lifecycle meters say
 * what final and idle jobs freed; {@code job.records.removed} counts the final jobs whose records the job-record
 * retention removed.
 */
public record ReduceMetrics(Counter segments, Counter partials, Counter duplicates, Counter jobsSucceeded,
                            Counter jobsFailed, Counter runningProducts, Timer finalise, Timer product, Counter combinedIn,
                            Counter combinedOut, Counter jobsAbandoned, Counter partialsOfFinalJobs, Counter stateExpired,
                            Counter stateFreedBytes, Counter jobRecordsRemoved) {
    public static ReduceMetrics of(MeterRegistry r) {
        return new ReduceMetrics(
                Counter.builder("manta.reduce.segments").description("segments merged into jobs").register(r),
                Counter.builder("manta.reduce.partials").description("partial accumulators merged").register(r),
                Counter.builder("manta.reduce.duplicates").description("partials dropped as duplicates (by segment index)").register(r),
                Counter.builder("manta.reduce.jobs.succeeded").description("products published").register(r),
                Counter.builder("manta.reduce.jobs.failed").description("jobs failed by the reducer").register(r),
                Counter.builder("manta.reduce.running.products").description("running products published").register(r),
                Timer.builder("manta.reduce.record").description("CPU time to merge one partial or finalise a job").register(r),
                Timer.builder("manta.reduce.product").description("CPU time of the final merge that finalises a job: "
                        + "normalise, map, cut into pieces (a serial step of every job)").register(r),
                Counter.builder("manta.reduce.combine.partials").description("worker partials taken by the combiners (level 2)")
                        .register(r),
                Counter.builder("manta.reduce.combine.outputs").description("combined partials published (level 2)").register(r),
                Counter.builder("manta.reduce.jobs.abandoned")
                        .description("jobs final elsewhere (cancelled, failed) whose merge state was dropped").register(r),
                Counter.builder("manta.reduce.partials.final")
                        .description("partials of final jobs dropped by the combiners (level 2)").register(r),
                Counter.builder("manta.reduce.state.expired")
                        .description("jobs whose combiner ranges or reducer entry manta.reduce.state-ttl-ms removed").register(r),
                Counter.builder("manta.reduce.state.freed").baseUnit("bytes")
                        .description("bytes of reducer state freed (abandoned and expired jobs)").register(r),
                Counter.builder("manta.reduce.job.records.removed")
                        .description("final jobs whose record manta.reduce.job-record-retention-ms removed (a tombstone"
                                + " on manta.jobs)").register(r));
    }

    /** Metrics that go nowhere (tests). */
    public static ReduceMetrics none() {
        return of(new SimpleMeterRegistry());
    }
}
