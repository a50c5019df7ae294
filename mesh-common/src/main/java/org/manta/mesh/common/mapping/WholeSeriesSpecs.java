package org.manta.mesh.common.mapping;

import java.util.OptionalDouble;
import org.manta.core.InvalidParameterException;
import org.manta.core.lightcurve.ErrorDistribution;
import org.manta.core.lightcurve.LightCurveFile;
import org.manta.core.lombscargle.FrequencyGrid;
import org.manta.core.lombscargle.LombScargleMethod;
import org.manta.core.lombscargle.LombScargleRequest;
import org.manta.core.lombscargle.LombScargleTransform;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.LombSpec;
import org.manta.proto.v1.MultitaperSpec;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.BispectrumSpec;
import org.manta.proto.v1.BicoherenceSpec;
import org.manta.core.bispectrum.BicoherenceRequest;
import org.manta.core.bispectrum.BispectrumRequest;
import org.manta.core.bispectrum.LagWindow;
import java.util.Optional;
import java.util.OptionalInt;
import org.manta.core.multitaper.MultitaperOptions;
import org.manta.core.multitaper.MultitaperSpectrum;

/**
 * The options of the jobs computed from the whole series (common.proto): {@code JobSpec.lomb} → the core's
 * {@link LombScargleRequest}, {@code JobSpec.multitaper} → {@link MultitaperOptions} (and of both the
 * {@link ErrorDistribution}, with what it needs of the inputs), {@code JobSpec.bispectrum} →
 * {@link BispectrumRequest} and {@code JobSpec.bicoherence} → {@link BicoherenceRequest}, what {@code manta lomb},
 * {@code multitaper}, {@code bispectrum} and {@code bicoherence} make of their options, validated as the commands validate them (each rejection names the
 * field).
 */
public final class WholeSeriesSpecs {
    private WholeSeriesSpecs() {
    }

    /**
     * The request of a LOMB spec, with its {@code norm} and its error distribution ({@link #errDist}, Poisson when it
     * asks for none).
     *
     * @throws InvalidParameterException naming the field, its value and what was expected
     */
    public static LombScargleRequest lomb(JobSpec spec) {
        LombSpec l = spec.getLomb();
        LombScargleMethod method;
        try {
            method = l.getMethod().isEmpty() ? LombScargleMethod.FAST : LombScargleMethod.parse(l.getMethod());
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException("lomb.method", l.getMethod(), "fast or slow");
        }
        int oversampling = l.getOversampling() == 0 ? LombScargleTransform.DEFAULT_OVERSAMPLING
                : Math.toIntExact(Math.min(l.getOversampling(), Integer.MAX_VALUE));
        ErrorDistribution errDist = errDist(spec).orElse(ErrorDistribution.POISSON);
        try {
            return new LombScargleRequest(new FrequencyGrid(optional(l.hasMinFreq(), l.getMinFreq()),
                    optional(l.hasMaxFreq(), l.getMaxFreq()), optional(l.hasDf(), l.getDf()), 1), method, oversampling,
                    Protos.normalization(spec.getNorm()), errDist);
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException("lomb." + e.parameter().replace('-', '_'), "in " + l.toString().strip()
                    .replace('\n', ' '), JobSpecs.afterExpected(e.getMessage()));
        }
    }

    /**
     * The spec's options as the product records them: the method, oversampling and error distribution resolved, the
     * grid as asked.
     */
    public static LombSpec lombOptions(JobSpec spec) {
        LombScargleRequest r = lomb(spec);
        return spec.getLomb().toBuilder().setMethod(r.method().label()).setOversampling(r.oversampling())
                .setErrDist(r.errDist().label()).build();
    }

    /**
     * The error distribution a LOMB or MULTITAPER spec asks for ({@code err_dist}, {@link ErrorDistribution} labels, as
     * {@code --err-dist}); empty when it asks for none ("", Poisson: the command without {@code --err-dist}) and for
     * the other kinds.
     *
     * @throws InvalidParameterException naming {@code lomb.err_dist} or {@code multitaper.err_dist} for another value
     */
    public static Optional<ErrorDistribution> errDist(JobSpec spec) {
        String field;
        String label;
        switch (spec.getKind()) {
            case LOMB -> {
                field = "lomb.err_dist";
                label = spec.getLomb().getErrDist();
            }
            case MULTITAPER -> {
                field = "multitaper.err_dist";
                label = spec.getMultitaper().getErrDist();
            }
            default -> {
                return Optional.empty();
            }
        }
        try {
            return label.isEmpty() ? Optional.empty() : Optional.of(ErrorDistribution.parse(label));
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException(field, label, JobSpecs.afterExpected(e.getMessage()));
        }
    }

    /**
     * What the spec's error distribution needs of an input, with {@code manta lomb|multitaper}'s message:
     * {@link ErrorDistribution#GAUSS} refuses an event file ({@link LightCurveFile#requireErrorsOfEvents}) and a light
     * curve without errors ({@link LightCurveFile#requireErrors}).
     *
     * @param input the input as the client named it
     * @param lc    the input read as a light curve; empty for an event file
     * @throws InvalidParameterException for {@code gauss} of an input without errors
     */
    public static void requireErrors(JobSpec spec, String input, Optional<LightCurveFile> lc) {
        ErrorDistribution errDist = errDist(spec).orElse(ErrorDistribution.POISSON);
        if (lc.isEmpty()) {
            LightCurveFile.requireErrorsOfEvents(errDist, input);
        } else {
            lc.get().requireErrors(errDist, input);
        }
    }

    /**
     * What the command says of a light curve a LOMB or MULTITAPER spec normalises as Poisson without asking to: errors
     * that are clearly not Poisson ({@link LightCurveFile#notPoissonWarning}, the command's words); nothing for the
     * other kinds, whose products do not depend on how the counts scatter.
     *
     * @param input the input as the client named it
     */
    public static Optional<String> notPoissonWarning(JobSpec spec, String input, LightCurveFile lc) {
        if (spec.getKind() != ProductKind.LOMB && spec.getKind() != ProductKind.MULTITAPER) {
            return Optional.empty();
        }
        return lc.notPoissonWarning(errDist(spec), input);
    }

    /**
     * The multitaper options of a MULTITAPER spec (its {@code norm} is {@code JobSpec.norm}).
     *
     * @throws InvalidParameterException naming the field, its value and what was expected
     */
    public static MultitaperOptions multitaper(JobSpec spec) {
        MultitaperSpec m = spec.getMultitaper();
        MultitaperOptions asked;
        try {
            asked = new MultitaperOptions(m.getNw() == 0 ? MultitaperOptions.DEFAULT_NW : m.getNw(), m.getAdaptive(),
                    !m.getNoJackknife(), !m.getNoLowBias());
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException("multitaper." + e.parameter(), m.getNw(),
                    JobSpecs.afterExpected(e.getMessage()));
        }
        if (!m.getLombscargle()) {
            return asked;
        }
        try {
            return MultitaperSpectrum.lombScargleOptions(asked);
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException("multitaper.adaptive", true, JobSpecs.afterExpected(e.getMessage()));
        }
    }

    /**
     * The spec's multitaper options as the product records them: those used ({@code nw} and {@code err_dist} resolved;
     * for the Lomb–Scargle multitaper eigenvalue weights and no jackknife).
     */
    public static MultitaperSpec multitaperOptions(JobSpec spec) {
        MultitaperOptions used = multitaper(spec);
        return spec.getMultitaper().toBuilder().setNw(used.nw()).setAdaptive(used.adaptive())
                .setNoJackknife(!used.jackknife())
                .setErrDist(errDist(spec).orElse(ErrorDistribution.POISSON).label()).build();
    }

    /**
     * The bispectrum request of a BISPECTRUM spec.
     *
     * @throws InvalidParameterException naming the field, its value and what was expected
     */
    public static BispectrumRequest bispectrum(JobSpec spec) {
        BispectrumSpec b = spec.getBispectrum();
        Optional<LagWindow> window = window("bispectrum.window", b.getWindow());
        try {
            return new BispectrumRequest(b.hasMaxlag() ? OptionalInt.of(b.getMaxlag()) : OptionalInt.empty(), window,
                    b.getUnbiased());
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException("bispectrum.maxlag", b.getMaxlag(), JobSpecs.afterExpected(e.getMessage()));
        }
    }

    /** The spec's bispectrum options as the product records them: {@code maxlag} the one used. */
    public static BispectrumSpec bispectrumOptions(JobSpec spec, int maxlag) {
        return spec.getBispectrum().toBuilder().setMaxlag(maxlag).build();
    }

    /**
     * The bicoherence request of a BICOHERENCE spec: the segment length in bins of {@code dt}, the window.
     *
     * @throws InvalidParameterException naming the field, its value and what was expected
     */
    public static BicoherenceRequest bicoherence(JobSpec spec) {
        BicoherenceSpec b = spec.getBicoherence();
        Optional<LagWindow> window = window("bicoherence.window", b.getWindow());
        try {
            return BicoherenceRequest.of(b.getSegmentSize(), spec.getDt(), window);
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException("bicoherence.segment_size", b.getSegmentSize(),
                    JobSpecs.afterExpected(e.getMessage()));
        }
    }

    /** A window by its label; "" = none. */
    private static Optional<LagWindow> window(String field, String label) {
        try {
            return label.isEmpty() ? Optional.empty() : Optional.of(LagWindow.parse(label));
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException(field, label, JobSpecs.afterExpected(e.getMessage()));
        }
    }

    private static OptionalDouble optional(boolean set, double value) {
        return set ? OptionalDouble.of(value) : OptionalDouble.empty();
    }
}
