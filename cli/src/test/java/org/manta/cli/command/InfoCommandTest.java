package org.manta.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * {@code manta info} of a light curve says whether it gives the errors of its counts and whether they look Poisson,
 * by the check behind the non-Poisson warning of lomb and multitaper (core {@code ErrorDistribution.looksPoisson}).
 */
class InfoCommandTest extends CommandRun {
    @Test
    void aLightCurveSaysItsErrorsAndWhetherTheyArePoisson() throws IOException {
        Path gauss = copy("lightcurve_gauss.lc");
        assertEquals(0, run("info", gauss.toString()), err);
        assertEquals(List.of("  errors:       ERROR column, not Poisson (use --err-dist gauss)"), errorsLines(),
                "background-subtracted counts: " + out);

        Path events = copy("monol_testA.evt");
        for (String ext : new String[] {"fits", "json"}) {
            Path lc = dir.resolve("lc." + ext);
            assertEquals(0, run("lc", events.toString(), "--dt", "0.0625", "--quiet", "-o", lc.toString()), err);
            assertEquals(0, run("info", lc.toString()), err);
            assertEquals(List.of("  errors:       " + (ext.equals("fits") ? "ERROR column" : "counts_err")
                    + ", Poisson"), errorsLines(), "manta lc's Garwood errors: " + out);
        }

        ObjectMapper json = new ObjectMapper();
        ObjectNode bare = (ObjectNode) json.readTree(dir.resolve("lc.json").toFile());
        bare.remove("counts_err");
        Path noErrors = dir.resolve("bare.json");
        json.writeValue(noErrors.toFile(), bare);
        assertEquals(0, run("info", noErrors.toString()), err);
        assertEquals(List.of("  errors:       none (Poisson counts)"), errorsLines(), out);
    }

    @Test
    void aJsonLightCurveWithoutDtIsRefusedSayingWhatItLacks() throws IOException {
        Path uneven = dir.resolve("uneven.json");
        java.nio.file.Files.writeString(uneven, "{\"time\": [0, 1.5, 2, 4.1], \"counts\": [1, 2, 3, 4]}");
        assertEquals(org.manta.cli.Main.EXIT_USAGE, run("info", uneven.toString()), err);
        assertEquals("manta: " + uneven + ": a JSON light curve without \"dt\": expected its bin time in s there to "
                + "describe it (the analyses that read light curves take it from --dt)", err.strip());
    }

    @Test
    void anEventFileHasNoErrorsLine() throws IOException {
        assertEquals(0, run("info", copy("monol_testA.evt").toString()), err);
        assertTrue(errorsLines().isEmpty(), out);
    }

    /**
     * A file that is not FITS (a text file, a CSV product) is refused in one line: nom-tam-fits, which logged a
     * warning with a stack trace for it before the refusal (the sweep of issue 13), does not see it.
     */
    @Test
    void aTextFileIsRefusedWithoutTheFitsLibrarysStackTrace() throws IOException {
        Path text = dir.resolve("notes.md");
        Files.writeString(text, "# MANTA notes\nnot a FITS file\n");
        List<LogRecord> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger fits = Logger.getLogger("nom.tam");
        fits.addHandler(handler);
        try {
            assertEquals(2, run("info", text.toString()), err);
        } finally {
            fits.removeHandler(handler);
        }
        assertEquals(text + ": not a FITS file: it does not start with 'SIMPLE  ='", err.strip().replaceFirst("^manta: ", ""));
        assertEquals(List.of(), logged.stream().map(LogRecord::getMessage).toList(), "nom-tam-fits logged");
    }

    private List<String> errorsLines() {
        return out.lines().filter(l -> l.strip().startsWith("errors:")).toList();
    }
}
