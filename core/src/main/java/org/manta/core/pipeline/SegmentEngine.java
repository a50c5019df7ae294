package org.manta.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.manta.core.segment.SegmentEventStream;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.CrossAccumulator;
import org.manta.core.spectrum.DynamicalPowerAccumulator;
import org.manta.core.spectrum.PowerAccumulator;

/**
 * Where the hot loop of the averaged products runs (events → histogram → real FFT → accumulate): on the
 * CPU's cores ({@link #cpu}, {@link SpectralJobs}), or on a backend found by name on the class path
 * ({@link #named}; the {@code gpu} module provides {@code "cuda"}). Every engine applies
 * {@link SegmentKernel}'s per-segment rules and returns the core accumulators, unnormalised, so a product
 * does not depend on where its segments were transformed beyond summation order and FFT rounding.
 */
public interface SegmentEngine {

    /** Averaged power spectrum accumulator over all segments of {@code stream} (see {@link SpectralJobs#power}). */
    PowerAccumulator power(SegmentEventStream stream, SegmentSpec spec, boolean perSegmentSums,
                           ProgressListener progress);

    /** Averaged cross spectrum accumulator: {@code subject} is channel 1, {@code reference} channel 2. */
    CrossAccumulator cross(SegmentEventStream subject, SegmentEventStream reference, SegmentSpec spec,
                           ProgressListener progress);

    /** Dynamical power spectrum accumulator (one column per used segment). */
    DynamicalPowerAccumulator dynamical(SegmentEventStream stream, SegmentSpec spec, ProgressListener progress);

    /** The CPU engine: a pool of segment workers ({@link SegmentPipeline}). */
    static SegmentEngine cpu(PoolSettings pool) {
        return new SegmentEngine() {
            @Override
            public PowerAccumulator power(SegmentEventStream stream, SegmentSpec spec, boolean perSegmentSums,
                                          ProgressListener progress) {
                return SpectralJobs.power(stream, spec, perSegmentSums, pool, progress);
            }

            @Override
            public CrossAccumulator cross(SegmentEventStream subject, SegmentEventStream reference, SegmentSpec spec,
                                          ProgressListener progress) {
                return SpectralJobs.cross(subject, reference, spec, pool, progress);
            }

            @Override
            public DynamicalPowerAccumulator dynamical(SegmentEventStream stream, SegmentSpec spec,
                                                       ProgressListener progress) {
                return SpectralJobs.dynamical(stream, spec, pool, progress);
            }
        };
    }

    /** A backend that can make engines, registered in {@code META-INF/services/org.manta.core.pipeline.SegmentEngine$Provider}. */
    interface Provider {
        /** The name users choose it by, e.g. {@code "cuda"}. */
        String name();

        /**
         * An engine on this backend's device.
         *
         * @throws EngineUnavailableException with one line saying why (no library, no device)
         */
        SegmentEngine open();
    }

    /**
     * The engine of the backend called {@code name}.
     *
     * @throws EngineUnavailableException if no such backend is on the class path (or it cannot be loaded on
     *         this Java), or the backend has no usable device
     */
    static SegmentEngine named(String name) {
        List<String> seen = new ArrayList<>();
        try {
            for (Provider p : ServiceLoader.load(Provider.class, SegmentEngine.class.getClassLoader())) {
                if (p.name().equals(name)) {
                    return p.open();
                }
                seen.add(p.name());
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            throw new EngineUnavailableException("the " + name + " backend cannot be loaded on Java "
                    + Runtime.version().feature() + " (it needs Java 22 or newer): " + e.getMessage());
        }
        throw new EngineUnavailableException("no " + name + " backend on the class path (found: "
                + (seen.isEmpty() ? "none" : String.join(", ", seen)) + ")");
    }
}
