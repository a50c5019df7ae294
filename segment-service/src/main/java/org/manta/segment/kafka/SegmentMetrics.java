package org.manta.segment.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What segment-service counts (Prometheus: {@code manta_segment_*}): segments and units planned, jobs
 * planned and failed, inputs announced twice, and the time each plan took (a serial step of every job);
 * jobs seen final on {@code manta.jobs}, inputs of final jobs dropped unplanned, store entries freed by the TTL.
 */
public record SegmentMetrics(Counter segments, Counter units, Counter jobsPlanned, Counter jobsFailed, Counter duplicates,
                             Timer planTime, Counter jobsFinal, Counter inputsOfFinalJobs, Counter entriesExpired) {
    /** Metrics that count nowhere (tests). */
    public static SegmentMetrics none() {
        return of(new SimpleMeterRegistry());
    }

    /** The meters in {@code registry}. */
    public static SegmentMetrics of(MeterRegistry registry) {
        return new SegmentMetrics(
                Counter.builder("manta.segment.segments").description("segments planned").register(registry),
                Counter.builder("manta.segment.units").description("work units published").register(registry),
                Counter.builder("manta.segment.jobs.planned").description("jobs planned").register(registry),
                Counter.builder("manta.segment.jobs.failed").description("jobs failed by segment-service").register(registry),
                Counter.builder("manta.segment.inputs.duplicate").description("job inputs announced again (dropped)")
                        .register(registry),
                Timer.builder("manta.segment.plan.time").description("CPU time to plan one job").register(registry),
                Counter.builder("manta.segment.jobs.final").description("jobs seen final on manta.jobs").register(registry),
                Counter.builder("manta.segment.inputs.final")
                        .description("inputs of final (cancelled) jobs dropped unplanned").register(registry),
                Counter.builder("manta.segment.state.expired")
                        .description("planner store entries removed by manta.segment.state-ttl-ms").register(registry));
    }
}
