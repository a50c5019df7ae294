package org.manta.mesh.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.manta.core.deadtime.FadSmoothing;
import org.manta.proto.v1.FadSpec;
import org.manta.proto.v1.LombSpec;
import org.manta.proto.v1.MultitaperSpec;
import org.manta.proto.v1.BispectrumSpec;
import org.manta.proto.v1.BicoherenceSpec;
import org.manta.core.bispectrum.BispectrumRequest;
import org.manta.core.bispectrum.LagWindow;
import org.manta.core.multitaper.MultitaperOptions;
import org.manta.core.lightcurve.ErrorDistribution;
import org.manta.core.lombscargle.LombScargleRequest;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.ObservationInfo;
import org.manta.core.gti.GtiList;
import org.manta.core.plan.TimeFilter;
import org.manta.core.spectrum.Normalization;
import org.manta.core.varenergy.VarEnergyRequest;
import org.manta.proto.v1.Band;
import org.manta.proto.v1.Gti;
import org.manta.proto.v1.Mjdref;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.TimeFilterSpec;
import org.manta.proto.v1.VarEnergySpec;

/**
 * The core values a client sends, in their wire form (common.proto), field by field. Pure; the
 * services' two-way mapping is {@code org.manta.mesh.common.mapping.Protos} in mesh-common.
 */
public final class ToWire {
    private ToWire() {
    }

    public static Norm norm(Normalization normalization) {
        return switch (normalization) {
            case LEAHY -> Norm.LEAHY;
            case FRAC -> Norm.FRAC;
            case ABS -> Norm.ABS;
            case NONE -> Norm.NONE;
        };
    }

    public static Band band(EnergyBand band) {
        return Band.newBuilder().setLo(band.lo()).setHi(band.hi()).setOnPi(band.onPi()).build();
    }

    /** A variability-versus-energy request's kind, bands, reference band and frequency interval ({@code JobSpec.varenergy}). */
    public static VarEnergySpec varEnergy(VarEnergyRequest request) {
        VarEnergySpec.Builder b = VarEnergySpec.newBuilder().setKind(request.kind().label())
                .setOnPi(request.bands().onPi()).setReference(band(request.reference()))
                .setFreqLo(request.fLo()).setFreqHi(request.fHi());
        for (double e : request.bands().edges()) {
            b.addBandEdges(e);
        }
        return b.build();
    }

    /** The options of a FAD correction ({@code JobSpec.fad}); an empty smoothing length is Stingray's default (0). */
    public static FadSpec fad(FadSmoothing smoothing, OptionalDouble smoothingLength, double tolerance) {
        return FadSpec.newBuilder().setSmoothing(smoothing.label()).setSmoothingLength(smoothingLength.orElse(0))
                .setTolerance(tolerance).build();
    }

    /**
     * The options of a Lomb–Scargle spectrum ({@code JobSpec.lomb}; its norm is {@code JobSpec.norm}).
     *
     * @param errDist the error distribution the user asked for ({@code --err-dist}; the request's when given), empty
     *                when none was ({@code err_dist} "": Poisson, and the mesh warns of errors that are not Poisson)
     */
    public static LombSpec lomb(LombScargleRequest request, Optional<ErrorDistribution> errDist) {
        LombSpec.Builder b = LombSpec.newBuilder().setMethod(request.method().label())
                .setOversampling(request.oversampling()).setErrDist(errDist(errDist));
        request.grid().minFreq().ifPresent(b::setMinFreq);
        request.grid().maxFreq().ifPresent(b::setMaxFreq);
        request.grid().df().ifPresent(b::setDf);
        return b.build();
    }

    /**
     * The options of a multitaper spectrum ({@code JobSpec.multitaper}; its norm is {@code JobSpec.norm}).
     *
     * @param lombScargle the Lomb–Scargle multitaper ({@code --lombscargle})
     * @param errDist     the error distribution the user asked for ({@code --err-dist}), empty when none was
     */
    public static MultitaperSpec multitaper(MultitaperOptions options, boolean lombScargle,
                                            Optional<ErrorDistribution> errDist) {
        return MultitaperSpec.newBuilder().setNw(options.nw()).setAdaptive(options.adaptive())
                .setNoJackknife(!options.jackknife()).setNoLowBias(!options.lowBias()).setLombscargle(lombScargle)
                .setErrDist(errDist(errDist)).build();
    }

    /** An {@code err_dist}: the distribution's label, "" when none was asked for. */
    public static String errDist(Optional<ErrorDistribution> errDist) {
        return errDist.map(ErrorDistribution::label).orElse("");
    }

    /** The options of a bispectrum ({@code JobSpec.bispectrum}). */
    public static BispectrumSpec bispectrum(BispectrumRequest request) {
        BispectrumSpec.Builder b = BispectrumSpec.newBuilder().setWindow(request.window().map(LagWindow::label)
                .orElse("")).setUnbiased(request.unbiased());
        request.maxlag().ifPresent(b::setMaxlag);
        return b.build();
    }

    /** The options of a squared bicoherence ({@code JobSpec.bicoherence}): the segment length asked for, the window. */
    public static BicoherenceSpec bicoherence(double segmentSize, java.util.Optional<LagWindow> window) {
        return BicoherenceSpec.newBuilder().setSegmentSize(segmentSize).setWindow(window.map(LagWindow::label).orElse(""))
                .build();
    }

    /** The user's restriction of the good time; the default instance for {@link TimeFilter#none()}. */
    public static TimeFilterSpec timeFilter(TimeFilter filter) {
        TimeFilterSpec.Builder b = TimeFilterSpec.newBuilder().setMinGti(filter.minGti());
        filter.userGti().ifPresent(g -> b.addAllUserGti(gtis(g)));
        filter.tstart().ifPresent(b::setTstart);
        filter.tstop().ifPresent(b::setTstop);
        return b.build();
    }

    /**
     * Good time intervals exactly, their extended-precision parts included (core {@code Gti#exactStart}): a segment
     * starts at a GTI's exact start, so an uploaded list's GTIs (with a fractional TIMEZERO they have such parts) and a
     * user GTI plan the segments the embedded command plans.
     */
    public static List<Gti> gtis(GtiList gtis) {
        List<Gti> out = new ArrayList<>(gtis.size());
        for (org.manta.core.gti.Gti g : gtis.intervals()) {
            out.add(Gti.newBuilder().setStart(g.start()).setStop(g.stop()).setStartLo(g.startLo()).setStopLo(g.stopLo())
                    .build());
        }
        return out;
    }

    /**
     * A file's header metadata and its OBJECT ("" if absent): the header of the file the mesh stages for an upload, so
     * that the product names the object as the embedded command's does.
     */
    public static org.manta.proto.v1.ObservationInfo observationInfo(ObservationInfo info, String object) {
        return observationInfo(info).toBuilder().setObject(object).build();
    }

    /** A file's header metadata (becomes the header of the file the mesh stages for an upload). */
    public static org.manta.proto.v1.ObservationInfo observationInfo(ObservationInfo info) {
        return org.manta.proto.v1.ObservationInfo.newBuilder().setMission(info.mission()).setTelescope(info.telescope())
                .setInstrument(info.instrument()).setTimesys(info.timesys())
                .setMjdref(Mjdref.newBuilder().setDays(info.mjdref().days()).setFraction(info.mjdref().fraction()))
                .setTimezero(info.timezero()).setTimeOffset(info.timeOffset()).setTimedel(info.timedel())
                .setTstart(info.tstart()).setTstop(info.tstop()).build();
    }
}
