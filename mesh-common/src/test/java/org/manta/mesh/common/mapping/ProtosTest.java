package org.manta.mesh.common.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.Mjdref;
import org.manta.core.events.ObservationInfo;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.plan.Observation;
import org.manta.core.spectrum.Normalization;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.ObservationContext;

class ProtosTest {
    @Test
    void normsRoundTrip() {
        for (Normalization n : Normalization.values()) {
            assertEquals(n, Protos.normalization(Protos.norm(n)));
        }
        assertEquals(Normalization.LEAHY, Protos.normalization(Norm.NORM_UNSPECIFIED));
    }

    @Test
    void observationContextKeepsEachChannelsBandAndTheUnsetOnes() {
        Observation o = new Observation("NuSTAR", "FPMA,FPMB", "Her X-1", "TT", new Mjdref(55197, 7.6601852e-4),
                List.of(Optional.of(EnergyBand.pi(35, 260)), Optional.empty(), Optional.of(EnergyBand.energy(3, 10))));
        ObservationContext wire = Protos.observation(o);
        assertEquals("NuSTAR", wire.getTelescope());
        assertEquals("FPMA,FPMB", wire.getInstrument());
        assertEquals("Her X-1", wire.getObject());
        assertEquals("TT", wire.getTimesys());
        assertEquals(55197, wire.getMjdref().getDays());
        assertEquals(7.6601852e-4, wire.getMjdref().getFraction(), 0.0);
        assertEquals(3, wire.getChannelsCount(), "one entry per channel, also for a channel without a band");
        assertEquals(EnergyBand.pi(35, 260), Protos.band(wire.getChannels(0).getBand()));
        assertFalse(wire.getChannels(1).hasBand(), "all events: the band unset");
        assertEquals(EnergyBand.energy(3, 10), Protos.band(wire.getChannels(2).getBand()));
    }

    @Test
    void bandsGtisAndObservationInfoRoundTrip() {
        EnergyBand band = EnergyBand.pi(Double.NEGATIVE_INFINITY, 200);
        assertEquals(band, Protos.band(Protos.band(band)));
        GtiList gti = GtiList.of(new Gti(80000000, 80000512.5), new Gti(80000600, 80001025));
        assertEquals(gti, Protos.gtiList(Protos.gtis(gti)));
        ObservationInfo info = new ObservationInfo("NUSTAR", "NuSTAR", "FPMA", "TDB", new Mjdref(55197, 7.6601852e-4),
                0.5, 0.25, 1e-3, 80000000, 80001025);
        assertEquals(info, Protos.observationInfo(Protos.observationInfo(info)));
        Instant t = Instant.ofEpochSecond(1795000000L, 125_000_000);
        assertEquals(t, Protos.instant(Protos.timestamp(t)));
    }

    @Test
    void unorderedGtisAreRejected() {
        var gtis = Protos.gtis(GtiList.of(new Gti(0, 10), new Gti(20, 30)));
        assertThrows(InvalidParameterException.class, () -> Protos.gtiList(List.of(gtis.get(1), gtis.get(0))));
    }

    @Test
    void doublesReadsProtobufListsAndPlainLists() {
        var times = org.manta.proto.v1.EventTimes.newBuilder().addTime(1.5).addTime(-2).build();
        assertEquals(List.of(1.5, -2.0), java.util.Arrays.stream(Protos.doubles(times.getTimeList())).boxed().toList());
        assertEquals(List.of(3.0), java.util.Arrays.stream(Protos.doubles(List.of(3.0))).boxed().toList());
    }
}
