package org.manta.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.manta.core.io.Refs;

/**
 * {@code --err-dist poisson|gauss} of {@code lomb} and {@code multitaper} as a user meets it: a light curve with
 * Gaussian errors (core's {@code lightcurve_gauss.lc}, background-subtracted counts with an ERROR column) gives
 * Stingray's spectra with {@code gauss} ({@code lightcurve_err_dist.json}); without the option it is normalised as
 * Poisson with a warning (an error under {@code --strict}); {@code gauss} of an input without errors is refused, one
 * line naming it, by {@code manta submit} too for an upload (an event file), before connecting.
 */
class ErrDistCommandTest extends CommandRun {
    /** Stingray's values through the command and its JSON product (Lomb–Scargle 1e-14, multitaper 4e-14 measured). */
    private static final double STINGRAY = 1e-10;
    private static final JsonNode REF = Refs.json("lightcurve_err_dist.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path gauss;

    @BeforeEach
    void data() throws IOException {
        gauss = copy("lightcurve_gauss.lc");
    }

    @Test
    void gaussGivesStingraysLombScargleAndMultitaperSpectra() throws IOException {
        JsonNode leahy = product("ls", "lomb", gauss.toString(), "--err-dist", "gauss");
        assertEquals("gauss", leahy.get("err_dist").asText());
        assertClose(REF.get("ls_power_leahy_gauss").get("power").get("re"), leahy.get("power"));
        assertFalse(err.contains("warning"), err);
        JsonNode frac = product("ls-frac", "lomb", gauss.toString(), "--err-dist", "gauss", "--norm", "frac");
        assertClose(REF.get("ls_power_frac_gauss").get("power").get("re"), frac.get("power"));

        JsonNode mt = product("mt", "multitaper", gauss.toString(), "--err-dist", "gauss");
        assertEquals("gauss", mt.get("err_dist").asText());
        assertClose(REF.get("mt_leahy_gauss").get("power"), mt.get("power"));

        Path lc1 = jsonLightCurve("lc1", true);
        Path lc2 = jsonLightCurve("lc2", true);
        JsonNode cross = product("cs", "lomb", lc1.toString(), "--events2", lc2.toString(), "--err-dist", "gauss");
        assertEquals("gauss", cross.get("err_dist").asText());
        assertClose(REF.get("ls_cross_leahy_gauss").get("power").get("re"), cross.get("power").get("re"));
        assertClose(REF.get("ls_cross_leahy_gauss").get("power").get("im"), cross.get("power").get("im"));
    }

    @Test
    void withoutTheOptionErrorsThatAreNotPoissonAreWarnedOfAndRefusedUnderStrict() throws IOException {
        JsonNode poisson = product("ls", "lomb", gauss.toString());
        assertEquals("poisson", poisson.get("err_dist").asText());
        assertClose(REF.get("ls_power_leahy_poisson").get("power").get("re"), poisson.get("power"));
        String warning = "manta: warning: " + gauss + ": its errors are not Poisson ((mean error)^2 = 28.3414, mean "
                + "counts = 9.79883): normalised as Poisson; --err-dist gauss uses the file's errors, as Stingray's "
                + "Lightcurve.read does";
        assertEquals(warning, err.strip());
        product("ls-explicit", "lomb", gauss.toString(), "--err-dist", "poisson");
        assertEquals("", err.strip(), "--err-dist poisson is a choice: no warning");

        Path out = dir.resolve("strict.json");
        assertEquals(2, run("multitaper", gauss.toString(), "--strict", "--quiet", "-o", out.toString()));
        assertTrue(err.contains("its errors are not Poisson") && err.contains("--strict"), err);
        assertFalse(Files.exists(out), "no product under --strict");
    }

    @Test
    void mantaLcProductsAreNotWarnedOf() throws IOException {
        Path events = copy("monol_testA.evt");
        for (String ext : new String[] {"fits", "json"}) {
            Path lc = dir.resolve("lc." + ext);
            assertEquals(0, run("lc", events.toString(), "--dt", "0.0625", "--quiet", "-o", lc.toString()), err);
            JsonNode p = product("ls-" + ext, "lomb", lc.toString(), "--strict");
            assertEquals("poisson", p.get("err_dist").asText());
        }
    }

    @Test
    void gaussOfAnInputWithoutErrorsIsRefusedNamingIt() throws IOException {
        Path events = copy("monol_testA.evt");
        assertEquals(2, run("lomb", events.toString(), "--dt", "1", "--err-dist", "gauss", "--quiet"));
        assertEquals("manta: err-dist = gauss: expected a light curve with errors for " + events + " (a FITS ERROR "
                + "column or a JSON counts_err array; an event file or a light curve without them is Poisson: "
                + "--err-dist poisson)", err.strip());
        Path bare = jsonLightCurve("lc1", false);
        assertEquals(2, run("multitaper", bare.toString(), "--err-dist", "gauss", "--quiet"));
        assertTrue(err.strip().startsWith("manta: err-dist = gauss: expected a light curve with errors for " + bare),
                err);
        assertEquals(1, err.strip().lines().count(), err);
        assertEquals(2, run("lomb", gauss.toString(), "--events2", events.toString(), "--dt", "0.5", "--err-dist",
                "gauss", "--quiet"));
        assertTrue(err.contains("errors for " + events), "the second input is checked too: " + err);
        assertEquals(2, run("lomb", gauss.toString(), "--err-dist", "normal"));
        assertTrue(err.contains("err-dist = normal: expected poisson or gauss"), err);
    }

    /**
     * {@code manta submit} sends {@code --err-dist} to the mesh (SubmitCommandTest), which normalises as the command
     * does; an uploaded input is an event file, so gauss of one is refused before connecting in the command's words.
     */
    @Test
    void submitRefusesGaussOfAnUploadBeforeConnectingAsTheCommandRefusesIt() throws IOException {
        Path events = copy("monol_testA.evt");
        assertEquals(2, run("lomb", events.toString(), "--dt", "1", "--err-dist", "gauss", "--quiet"));
        String local = err.strip();
        for (String command : new String[] {"lomb", "multitaper"}) {
            assertEquals(2, run("submit", "--server", "127.0.0.1:1", command, events.toString(), "--dt", "1",
                    "--err-dist", "gauss"));
            assertEquals(local, err.strip(), command);
        }
        assertTrue(local.startsWith("manta: err-dist = gauss: expected a light curve with errors for " + events), local);
    }

    @Test
    void helpSaysTheDefaultAndWhatEachValueDoes() {
        for (String command : new String[] {"lomb", "multitaper"}) {
            assertEquals(0, run(command, "--help"));
            String help = out.replaceAll("\\s+", " ");
            assertTrue(help.contains("--err-dist=poisson|gauss") && help.contains("poisson (default): photon counts")
                    && help.contains("gauss: a light curve with Gaussian errors"), help);
        }
    }

    /** The reference's light curve {@code name} as a JSON light curve, with or without its {@code counts_err}. */
    private Path jsonLightCurve(String name, boolean errors) throws IOException {
        JsonNode lc = REF.get(name);
        Path p = dir.resolve(name + (errors ? "" : "-bare") + ".json");
        Map<String, Object> fields = errors
                ? Map.of("time", lc.get("time"), "counts", lc.get("counts"), "counts_err", lc.get("counts_err"),
                        "dt", lc.get("dt"))
                : Map.of("time", lc.get("time"), "counts", lc.get("counts"), "dt", lc.get("dt"));
        JSON.writeValue(p.toFile(), fields);
        return p;
    }

    /** {@code |a − e| ≤ STINGRAY·max|e|} element by element. */
    private static void assertClose(JsonNode expected, JsonNode actual) {
        double[] e = Refs.doubles(expected);
        double[] a = Refs.doubles(actual);
        assertEquals(e.length, a.length, "length");
        double scale = 0;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], STINGRAY * scale, "element " + i);
        }
    }
}
