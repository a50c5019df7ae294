package org.manta.mesh.e2e;

import java.nio.file.Path;
import java.util.Optional;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.EventList;
import org.manta.core.gti.GtiList;
import org.manta.core.gti.Gtis;
import org.manta.core.io.EventFileReader;
import org.manta.core.spectrum.Spectra;
import org.manta.mesh.common.mapping.JobPlan;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.mapping.ProductMapper;
import org.manta.mesh.common.mapping.Protos;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.Product;

/** The same job computed in this JVM by the core's one-pass {@link Spectra}, mapped like the mesh's products. */
final class Embedded {
    private Embedded() {
    }

    static Product product(JobSpec spec, Path dataRoot) {
        JobPlan plan = JobSpecs.plan(spec, false);
        EventList first = read(dataRoot.resolve(spec.getInputs(0)), plan.band1());
        return switch (plan.kind()) {
            case PDS -> ProductMapper.pds(Spectra.averagedPowerSpectrum(first.time(), first.gti(), plan.segment(),
                    plan.norm(), plan.useCommonMean()), "").addAllGti(Protos.gtis(first.gti())).build();
            case DYNPS -> ProductMapper.dynps(Spectra.dynamicalPowerSpectrum(first.time(), first.gti(), plan.segment(),
                    plan.norm()), plan.segment(), "").addAllGti(Protos.gtis(first.gti())).build();
            case CPDS -> {
                EventList second = read(dataRoot.resolve(spec.getInputs(plan.inputCount() - 1)), plan.band2());
                GtiList gti = plan.inputCount() == 1 ? first.gti() : Gtis.intersect(first.gti(), second.gti());
                yield ProductMapper.cpds(Spectra.averagedCrossSpectrum(first.time(), second.time(), gti, plan.segment(),
                        plan.norm()), "").addAllGti(Protos.gtis(gti)).build();
            }
            default -> throw new IllegalArgumentException("kind " + plan.kind());
        };
    }

    static EventList read(Path file, Optional<EnergyBand> band) {
        try (EventFileReader reader = EventFileReader.open(file)) {
            return reader.readAll(band.orElse(null));
        }
    }
}
