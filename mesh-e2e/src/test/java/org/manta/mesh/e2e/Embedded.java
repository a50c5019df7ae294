package org.manta.mesh.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.manta.core.pipeline.EmbeddedPipeline;
import org.manta.core.pipeline.PoolSettings;
import org.manta.core.pipeline.ProgressListener;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.JobRequest;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.mapping.ProductMapper;
import org.manta.mesh.common.mapping.Protos;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.Product;

/**
 * The same job computed in this JVM by the core's embedded pipeline (what {@code manta pds/cpds/dynps}
 * runs: the same plan), mapped like the mesh's products.
 */
final class Embedded {
    private Embedded() {
    }

    static Product product(JobSpec spec, Path dataRoot) {
        JobRequest request = JobSpecs.request(spec, false);
        List<Path> files = new ArrayList<>();
        for (String input : spec.getInputsList()) {
            files.add(dataRoot.resolve(input));
        }
        JobPlan plan = EmbeddedPipeline.plan(request, files);
        EmbeddedPipeline pipeline = new EmbeddedPipeline(PoolSettings.defaults());
        Product.Builder p = switch (plan.kind()) {
            case PDS -> ProductMapper.pds(pipeline.powerSpectrum(plan, files, ProgressListener.NONE), "");
            case CPDS -> ProductMapper.cpds(pipeline.crossSpectrum(plan, files, ProgressListener.NONE), "");
            case DYNPS -> ProductMapper.dynps(pipeline.dynamicalPowerSpectrum(plan, files, ProgressListener.NONE),
                    plan.segment(), "");
        };
        return p.addAllGti(Protos.gtis(plan.gti())).build();
    }
}
