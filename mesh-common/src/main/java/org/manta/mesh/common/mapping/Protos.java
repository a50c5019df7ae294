package org.manta.mesh.common.mapping;

import com.google.protobuf.Internal;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.Mjdref;
import org.manta.core.gti.GtiList;
import org.manta.core.plan.Observation;
import org.manta.core.spectrum.Normalization;
import org.manta.proto.v1.Band;
import org.manta.proto.v1.ChannelBand;
import org.manta.proto.v1.ComplexArray;
import org.manta.proto.v1.Gti;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.ObservationContext;
import org.manta.proto.v1.ObservationInfo;

/**
 * Pure conversions between the {@code manta.v1} vocabulary (common.proto) and the core's domain
 * types. No I/O, no framework: unit-tested in {@code ProtosTest}.
 */
public final class Protos {
    private Protos() {
    }

    /** {@code NORM_UNSPECIFIED} means the default, LEAHY (cli.md). */
    public static Normalization normalization(Norm norm) {
        return switch (norm) {
            case NORM_UNSPECIFIED, LEAHY -> Normalization.LEAHY;
            case FRAC -> Normalization.FRAC;
            case ABS -> Normalization.ABS;
            case NONE -> Normalization.NONE;
            case UNRECOGNIZED -> throw new InvalidParameterException("norm", "unknown enum value",
                    "one of LEAHY, FRAC, ABS, NONE");
        };
    }

    public static Norm norm(Normalization normalization) {
        return switch (normalization) {
            case LEAHY -> Norm.LEAHY;
            case FRAC -> Norm.FRAC;
            case ABS -> Norm.ABS;
            case NONE -> Norm.NONE;
        };
    }

    /** @throws InvalidParameterException unless {@code lo < hi} */
    public static EnergyBand band(Band band) {
        return new EnergyBand(band.getLo(), band.getHi(), band.getOnPi());
    }

    public static Band band(EnergyBand band) {
        return Band.newBuilder().setLo(band.lo()).setHi(band.hi()).setOnPi(band.onPi()).build();
    }

    /** @throws InvalidParameterException for unordered or overlapping intervals */
    public static GtiList gtiList(List<Gti> gtis) {
        List<org.manta.core.gti.Gti> list = new ArrayList<>(gtis.size());
        for (Gti g : gtis) {
            list.add(new org.manta.core.gti.Gti(g.getStart(), g.getStop(), g.getStartLo(), g.getStopLo()));
        }
        return GtiList.of(list);
    }

    public static List<Gti> gtis(GtiList gtis) {
        List<Gti> out = new ArrayList<>(gtis.size());
        for (org.manta.core.gti.Gti g : gtis.intervals()) {
            out.add(Gti.newBuilder().setStart(g.start()).setStop(g.stop()).setStartLo(g.startLo()).setStopLo(g.stopLo())
                    .build());
        }
        return out;
    }

    public static ObservationInfo observationInfo(org.manta.core.events.ObservationInfo info) {
        return ObservationInfo.newBuilder()
                .setMission(info.mission()).setTelescope(info.telescope()).setInstrument(info.instrument())
                .setTimesys(info.timesys()).setMjdref(mjdref(info.mjdref()))
                .setTimezero(info.timezero()).setTimeOffset(info.timeOffset()).setTimedel(info.timedel())
                .setTstart(info.tstart()).setTstop(info.tstop())
                .build();
    }

    public static org.manta.core.events.ObservationInfo observationInfo(ObservationInfo info) {
        return new org.manta.core.events.ObservationInfo(info.getMission(), info.getTelescope(), info.getInstrument(),
                info.getTimesys(), new Mjdref(info.getMjdref().getDays(), info.getMjdref().getFraction()),
                info.getTimezero(), info.getTimeOffset(), info.getTimedel(), info.getTstart(), info.getTstop());
    }

    /**
     * The context of a plan's product on the wire ({@code JobPlanRecord.observation}, {@code Product.observation}): a
     * channel without a band is a {@link ChannelBand} with its band unset. {@code manta submit} reads it back.
     */
    public static ObservationContext observation(Observation observation) {
        ObservationContext.Builder b = ObservationContext.newBuilder().setTelescope(observation.telescope())
                .setInstrument(observation.instrument()).setObject(observation.object())
                .setTimesys(observation.timesys()).setMjdref(mjdref(observation.mjdref()));
        for (Optional<EnergyBand> band : observation.bands()) {
            ChannelBand.Builder channel = ChannelBand.newBuilder();
            band.ifPresent(e -> channel.setBand(band(e)));
            b.addChannels(channel);
        }
        return b.build();
    }

    private static org.manta.proto.v1.Mjdref mjdref(Mjdref mjdref) {
        return org.manta.proto.v1.Mjdref.newBuilder().setDays(mjdref.days()).setFraction(mjdref.fraction()).build();
    }

    /** A real array as a ComplexArray with {@code im} empty. */
    public static ComplexArray real(double[] values) {
        ComplexArray.Builder b = ComplexArray.newBuilder();
        for (double v : values) {
            b.addRe(v);
        }
        return b.build();
    }

    public static ComplexArray complex(org.manta.core.fourier.ComplexArray values) {
        ComplexArray.Builder b = ComplexArray.newBuilder();
        for (double v : values.re()) {
            b.addRe(v);
        }
        for (double v : values.im()) {
            b.addIm(v);
        }
        return b.build();
    }

    public static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    public static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    /** The values of a repeated double field as an array (without boxing for protobuf's own lists). */
    public static double[] doubles(List<Double> values) {
        double[] out = new double[values.size()];
        if (values instanceof Internal.DoubleList list) {
            for (int i = 0; i < out.length; i++) {
                out[i] = list.getDouble(i);
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = values.get(i);
            }
        }
        return out;
    }

    /** The values of a repeated int64 field as an array. */
    public static long[] longs(List<Long> values) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
