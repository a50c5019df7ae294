package org.manta.mesh.common.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;
import org.manta.core.plan.JobRequest;
import org.manta.proto.v1.Band;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.ProductKind;

/**
 * {@code JobSpec.observation_inputs}: a job of several observations becomes one spec per observation (its own inputs or
 * uploaded lists), each validated as a job of its own; what no command takes is refused naming the field.
 */
class ObservationsTest {
    private static final Band SOFT = Band.newBuilder().setLo(0.5).setHi(2).build();
    private static final Band HARD = Band.newBuilder().setLo(2).setHi(10).build();

    private static JobSpec.Builder pds(String... inputs) {
        return JobSpec.newBuilder().setKind(ProductKind.PDS).addAllInputs(List.of(inputs)).setDt(1.0 / 128)
                .setSegmentSize(16);
    }

    @Test
    void eachObservationGetsItsOwnInputsAndIsValidatedAsAJobOfItsOwn() {
        JobSpec cpds = pds("a.evt", "b.evt", "c.evt").setKind(ProductKind.CPDS).setBand1(HARD).setBand2(SOFT)
                .addObservationInputs(1).addObservationInputs(2).build();
        List<JobSpec> specs = Observations.specs(cpds, false);
        assertEquals(List.of(List.of("a.evt"), List.of("b.evt", "c.evt")), specs.stream().map(JobSpec::getInputsList).toList());
        assertEquals(List.of(0, 0), specs.stream().map(JobSpec::getObservationInputsCount).toList());
        assertEquals(specs.get(0), cpds.toBuilder().clearInputs().addInputs("a.evt").clearObservationInputs().build(),
                "everything else is the job's");
        List<JobRequest> requests = Observations.requests(cpds, false);
        assertEquals(List.of(1, 2), requests.stream().map(JobRequest::inputs).toList(), "two bands of a; b against c");
        assertEquals(requests.get(0), JobSpecs.request(cpds, false), "the job's request is the first observation's");
        assertEquals(List.of(List.of("x"), List.of("y", "z")), Observations.split(cpds, List.of("x", "y", "z")));

        JobSpec upload = cpds.toBuilder().clearInputs().setUploadInputs(3).build();
        assertEquals(List.of(1, 2), Observations.specs(upload, true).stream().map(JobSpec::getUploadInputs).toList(),
                "uploaded lists counted per observation");

        JobSpec one = pds("a.evt").build();
        assertSame(one, Observations.specs(one, false).get(0), "one observation: the spec as it is");
        assertEquals(List.of(List.of("x", "y")), Observations.split(one, List.of("x", "y")));
    }

    @Test
    void whatNoCommandAveragesIsRefusedNamingTheField() {
        assertRefused(pds("a.evt", "b.evt").setKind(ProductKind.DYNPS).addObservationInputs(1).addObservationInputs(1),
                false, "observation_inputs", "unset for DYNPS");
        assertRefused(pds("a.evt", "b.evt").clearSegmentSize().addObservationInputs(1).addObservationInputs(1), false,
                "observation_inputs", "a segment_size: several observations are averaged by segments");
        assertRefused(pds("a.evt", "b.evt").addObservationInputs(2), false, "observation_inputs",
                "1 input per PDS observation");
        assertRefused(pds("a.evt", "b.evt", "c.evt").setKind(ProductKind.CPDS).addObservationInputs(3), false,
                "observation_inputs", "1 (two bands of one list) or 2");
        assertRefused(pds("a.evt", "b.evt", "c.evt").addObservationInputs(1).addObservationInputs(1), false,
                "observation_inputs", "counts adding up to the job's 3 inputs");
        assertRefused(pds().setUploadInputs(3).addObservationInputs(1).addObservationInputs(1), true,
                "observation_inputs", "adding up to the job's 3 uploaded event lists");
        assertRefused(pds("a.evt", "b.evt").setKind(ProductKind.CPDS).setBand1(HARD).addObservationInputs(1)
                .addObservationInputs(1), false, "band1/band2", "both bands for a CPDS of one event file");
        assertRefused(pds("a.evt", "../b.evt").addObservationInputs(1).addObservationInputs(1), false, "inputs[1]",
                "no '..'");
    }

    private static void assertRefused(JobSpec.Builder spec, boolean upload, String parameter, String fragment) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> JobSpecs.request(spec.build(), upload));
        assertEquals(parameter, e.parameter(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
