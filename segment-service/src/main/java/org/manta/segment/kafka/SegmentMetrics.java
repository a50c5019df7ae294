package org.manta.segment.kafka;

import io.micrometer.core.instrument.Counter;

/** What segment-service counts (Prometheus: {@code manta_segment_*_total}; segments/s is their rate). */
public record SegmentMetrics(Counter segments, Counter chunks, Counter events, Counter jobsCompleted, Counter jobsFailed) {
    /** Counters that count nowhere (tests). */
    public static SegmentMetrics none() {
        var r = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        return new SegmentMetrics(r.counter("s"), r.counter("c"), r.counter("e"), r.counter("d"), r.counter("f"));
    }
}
