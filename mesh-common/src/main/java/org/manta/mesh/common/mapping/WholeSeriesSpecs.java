package org.manta.mesh.common.mapping;

import java.util.OptionalDouble;
import org.manta.core.InvalidParameterException;
import org.manta.core.lombscargle.FrequencyGrid;
import org.manta.core.lombscargle.LombScargleMethod;
import org.manta.core.lombscargle.LombScargleRequest;
import org.manta.core.lombscargle.LombScargleTransform;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.LombSpec;

/**
 * {@code JobSpec.lomb} (common.proto) ⇄ the core's {@link LombScargleRequest}: what {@code manta lomb}'s options
 * make, validated as the command validates them (each rejection names the {@code lomb.*} field).
 */
public final class LombSpecs {
    private LombSpecs() {
    }

    /**
     * The request of a LOMB spec, with its {@code norm}.
     *
     * @throws InvalidParameterException naming the field, its value and what was expected
     */
    public static LombScargleRequest request(JobSpec spec) {
        LombSpec l = spec.getLomb();
        LombScargleMethod method;
        try {
            method = l.getMethod().isEmpty() ? LombScargleMethod.FAST : LombScargleMethod.parse(l.getMethod());
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException("lomb.method", l.getMethod(), "fast or slow");
        }
        int oversampling = l.getOversampling() == 0 ? LombScargleTransform.DEFAULT_OVERSAMPLING
                : Math.toIntExact(Math.min(l.getOversampling(), Integer.MAX_VALUE));
        try {
            return new LombScargleRequest(new FrequencyGrid(optional(l.hasMinFreq(), l.getMinFreq()),
                    optional(l.hasMaxFreq(), l.getMaxFreq()), optional(l.hasDf(), l.getDf()), 1), method, oversampling,
                    Protos.normalization(spec.getNorm()));
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException("lomb." + e.parameter().replace('-', '_'), "in " + l.toString().strip()
                    .replace('\n', ' '), JobSpecs.afterExpected(e.getMessage()));
        }
    }

    /** The spec's options as the product records them: the method and oversampling resolved, the grid as asked. */
    public static LombSpec resolved(JobSpec spec) {
        LombScargleRequest r = request(spec);
        return spec.getLomb().toBuilder().setMethod(r.method().label()).setOversampling(r.oversampling()).build();
    }

    private static OptionalDouble optional(boolean set, double value) {
        return set ? OptionalDouble.of(value) : OptionalDouble.empty();
    }
}
