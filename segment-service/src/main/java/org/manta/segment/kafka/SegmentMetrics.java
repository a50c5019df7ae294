package org.manta.segment.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What segment-service counts (Prometheus: {@code manta_segment_*}): segments and units planned, jobs
 * planned and failed, inputs announced twice, and the time each plan took (a serial step of every job).
 */
public record SegmentMetrics(Counter segments, Counter units, Counter jobsPlanned, Counter jobsFailed, Counter duplicates,
                             Timer planTime) {
    /** Metrics that count nowhere (tests). */
    public static SegmentMetrics none() {
        var r = new SimpleMeterRegistry();
        return new SegmentMetrics(r.counter("s"), r.counter("u"), r.counter("p"), r.counter("f"), r.counter("d"),
                r.timer("t"));
    }
}
