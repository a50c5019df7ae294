package org.manta.cli.mesh;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import org.manta.proto.v1.ComplexArray;
import org.manta.proto.v1.Gti;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;

/**
 * A mesh product ({@code manta.v1.Product}) as the JSON product of docs/cli.md: field names of the
 * reference files ({@code freq}, {@code power}, {@code power_err}, ...), complex arrays as
 * {@code {"re": [...], "im": [...]}}, non-finite numbers as the strings {@code "NaN"},
 * {@code "Infinity"}, {@code "-Infinity"}, {@code dyn_ps} laid out {@code [freq_index][time_index]},
 * and {@code provenance}.
 */
final class ProductJson {
    private ProductJson() {
    }

    static void write(Product p, String commandLine, OutputStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("kind", p.getKind().name().toLowerCase(java.util.Locale.ROOT));
            g.writeStringField("job_id", p.getJobId());
            array(g, "freq", p.getFreqList());
            boolean complex = p.getKind() == ProductKind.CPDS;
            if (p.getKind() != ProductKind.DYNPS) {
                values(g, "power", p.getPower(), complex);
                values(g, "power_err", p.getPowerErr(), complex);
                values(g, "unnorm_power", p.getUnnormPower(), complex);
                values(g, "unnorm_power_err", p.getUnnormPowerErr(), complex);
            }
            if (complex) {
                array(g, "time_lag", p.getTimeLagList());
                array(g, "time_lag_err", p.getTimeLagErrList());
                array(g, "phase_lag", p.getPhaseLagList());
                array(g, "phase_lag_err", p.getPhaseLagErrList());
                array(g, "raw_coherence", p.getRawCoherenceList());
                array(g, "raw_coherence_err", p.getRawCoherenceErrList());
                array(g, "pds1_power", p.getPds1PowerList());
                array(g, "pds2_power", p.getPds2PowerList());
            }
            if (p.getKind() == ProductKind.DYNPS) {
                array(g, "time", p.getTimeList());
                int nf = (int) p.getDynPsShape(0);
                int nt = (int) p.getDynPsShape(1);
                g.writeArrayFieldStart("dyn_ps");
                for (int f = 0; f < nf; f++) {
                    array(g, null, p.getDynPsList().subList(f * nt, (f + 1) * nt));
                }
                g.writeEndArray();
            }
            g.writeNumberField("m", p.getM());
            g.writeNumberField("n", p.getN());
            number(g, "df", p.getDf());
            number(g, "dt", p.getDt());
            number(g, "segment_size", p.getSegmentSize());
            number(g, "nphots", p.getNphots());
            if (complex) {
                number(g, "nphots1", p.getNphots1());
                number(g, "nphots2", p.getNphots2());
            }
            number(g, "mean", p.getMean());
            g.writeStringField("norm", p.getNorm().name().toLowerCase(java.util.Locale.ROOT));
            g.writeArrayFieldStart("gti");
            for (Gti t : p.getGtiList()) {
                g.writeStartArray();
                number(g, null, t.getStart());
                number(g, null, t.getStop());
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("provenance");
            g.writeStringField("software", "manta " + p.getProvenance().getSoftwareVersion() + " (mesh)");
            g.writeStringField("command_line", commandLine);
            g.writeArrayFieldStart("inputs");
            for (InputFile f : p.getProvenance().getInputsList()) {
                g.writeStartObject();
                g.writeStringField("path", f.getPath());
                g.writeStringField("sha256", f.getSha256());
                g.writeNumberField("size_bytes", f.getSizeBytes());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (p.getProvenance().hasCreated()) {
                g.writeStringField("created", Instant.ofEpochSecond(p.getProvenance().getCreated().getSeconds(),
                        p.getProvenance().getCreated().getNanos()).toString());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private static void values(JsonGenerator g, String name, ComplexArray a, boolean complex) throws IOException {
        if (complex) {
            g.writeObjectFieldStart(name);
            array(g, "re", a.getReList());
            array(g, "im", a.getImList());
            g.writeEndObject();
        } else {
            array(g, name, a.getReList());
        }
    }

    private static void array(JsonGenerator g, String name, List<Double> values) throws IOException {
        if (name == null) {
            g.writeStartArray();
        } else {
            g.writeArrayFieldStart(name);
        }
        for (double v : values) {
            number(g, null, v);
        }
        g.writeEndArray();
    }

    private static void number(JsonGenerator g, String name, double v) throws IOException {
        if (name != null) {
            g.writeFieldName(name);
        }
        if (Double.isNaN(v)) {
            g.writeString("NaN");
        } else if (Double.isInfinite(v)) {
            g.writeString(v > 0 ? "Infinity" : "-Infinity");
        } else {
            g.writeNumber(v);
        }
    }
}
