package org.manta.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.manta.cli.Main;

/** {@code manta bench} as the launcher runs it: the cli's {@link Main} with this command added. */
class BenchCommandTest {
    private String out;
    private String err;

    private int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), Map.of(), List.of(new BenchCommand()));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void helpIsThatOfMantaBench() {
        assertEquals(0, run("bench", "--help"));
        assertTrue(out.startsWith("Usage: manta bench"), out);
        assertTrue(out.contains("--compare-stingray"), out);
        assertEquals(0, run("help", "bench"));
        assertTrue(out.startsWith("Usage: manta bench"), out);
    }

    @Test
    void pairedRatiosTakeEachRepeatedRunAgainstTheAnalysisAfterIt() {
        ObjectMapper json = new ObjectMapper();
        double[][] pairs = {{9.0, 1.0}, {2.2, 2.0}, {1.1, 1.0}, {3.9, 3.0}};     // command wall, analysis wall
        List<ObjectNode> runs = new ArrayList<>();
        List<ObjectNode> alone = new ArrayList<>();
        for (double[] p : pairs) {
            runs.add(json.createObjectNode().put("wall_s", p[0]));
            alone.add(json.createObjectNode().put("process_wall_s", p[1]));
        }
        double[] r = BenchCommand.paired(runs, alone, "wall_s", "process_wall_s");
        assertEquals(1.1, r[0], 1e-12, "median of 1.1, 1.1, 1.3: the first (cold) run left out");
        assertEquals(1.1, r[1], 1e-12);
        assertEquals(1.3, r[2], 1e-12);
    }

    @Test
    void theTableRowIsTheMedianRepeatedRunWithTheirMedianWall() {
        ObjectMapper json = new ObjectMapper();
        List<ObjectNode> repeated = new ArrayList<>();
        for (double[] run : new double[][] {{4.64, 250}, {3.94, 240}}) {
            repeated.add(json.createObjectNode().put("wall_s", run[0]).put("peak_rss_mb", run[1]));
        }
        ObjectNode row = BenchCommand.tableRow(repeated);
        assertEquals(4.29, row.get("wall_s").asDouble(), 1e-12, "the median printed on the summary line");
        assertEquals(250, row.get("peak_rss_mb").asDouble(), 0.0, "the other columns of one run");
        assertEquals(4.64, repeated.get(0).get("wall_s").asDouble(), 0.0, "the run itself is not changed");
    }

    @Test
    void badParametersAreOneLineUsageErrors() {
        assertEquals(Main.EXIT_USAGE, run("bench", "--repeat", "0"));
        assertEquals("manta: repeat = 0: expected at least 1", err.strip());
        assertEquals(Main.EXIT_USAGE, run("bench", "--products", "lc"));
        assertTrue(err.startsWith("manta: products = lc"), err);
    }
}
