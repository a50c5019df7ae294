package org.manta.segment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.manta.core.plan.UnitSizing;

/** segment-service settings ({@code manta.segment.*}; see CONFIGURATION.md): how jobs are cut into work units. */
@ConfigMapping(prefix = "manta.segment")
public interface SegmentConfig {
    /** Target events (rows of the busiest input) per work unit. */
    @WithDefault("1048576")
    long unitEvents();

    /** Most segments in one work unit. */
    @WithDefault("64")
    int unitMaxSegments();

    /**
     * Fewest units a job is cut into (when it has as many segments): one job spreads over at least this
     * many fft workers. The default serves the 64 partitions of {@code manta.units}.
     */
    @WithDefault("64")
    int minUnits();

    /**
     * How long the planner keeps a job's entry (planned, or final on {@code manta.jobs}: its input is then
     * dropped unplanned), ms after it was written; then a sweep removes it. Default 6 hours.
     */
    @WithDefault("21600000")
    long stateTtlMs();

    /** The sizing these settings make. */
    default UnitSizing sizing() {
        return new UnitSizing(unitEvents(), unitMaxSegments(), minUnits());
    }
}
