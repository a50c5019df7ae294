package org.manta.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.cli.Main;
import org.manta.core.events.EventList;
import org.manta.core.events.ObservationInfo;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventFileWriter;
import org.manta.core.simulate.BenchmarkObservation;

/** What a benchmark run times is the command a user runs: {@code manta pds} with its output and provenance. */
class BenchRunTest {

    @Test
    void aRunIsMantaPdsWithOutputAndProvenance(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.evt");
        double span = 3 * BenchmarkObservation.SEGMENT;
        SplittableRandom random = new SplittableRandom(3);
        double[] times = new double[3000];
        for (int i = 0; i < times.length; i++) {
            times[i] = span * i / times.length + random.nextDouble() * span / times.length;
        }
        EventFileWriter.write(new EventList(times, new double[0], new int[0], GtiList.of(new double[] {0},
                new double[] {span}), ObservationInfo.simulated(0, span)), events);
        Path output = dir.resolve("product.json");
        Files.writeString(output, "an earlier run");       // the harness reruns: --overwrite

        List<String> args = BenchRun.commandLine("pds", 1, output, List.of(events));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8), "quiet, and no warning: dt and segment are the setting's");
        JsonNode product = new ObjectMapper().readTree(output.toFile());
        assertEquals(3, product.get("m").asInt(), "three 64 s segments");
        assertEquals(BenchmarkObservation.DT, product.get("dt").asDouble());
        assertEquals(BenchmarkObservation.SEGMENT, product.get("segment_size").asDouble());
        JsonNode input = product.get("provenance").get("inputs").get(0);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(events))),
                input.get("sha256").asText());
    }
}
