package org.manta.mesh.e2e;

import java.util.List;
import java.util.Locale;
import org.manta.proto.v1.JobProgress;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;

/**
 * One round of the chaos run ({@link MeshFaultsIT#chaos}): the job, the kill, and what came out, compared
 * with the clean product. Segments lost or merged twice are counted from the product (m, or the columns of
 * a dynamical power spectrum) against the clean one; the numbers must be equal within {@link Products#POWER_TOL}.
 */
record ChaosRound(int round, String job, String victim, long delayMs, long mergedAtKill, long downMs, long restartMs,
                  JobState state, String message, long segments, long expectedSegments, long tookMs) {

    /** How a round's job ended: its last progress message and, if it succeeded, its product. */
    record Outcome(JobProgress last, Product product) {
    }

    @FunctionalInterface
    interface Finish {
        Outcome await() throws InterruptedException;
    }

    /** Waits for the job's end and compares its product with {@code clean}. */
    static ChaosRound check(int round, String job, String victim, long delayMs, long mergedAtKill, long downMs,
                            long restartMs, Product clean, Finish finish) throws InterruptedException {
        long expected = segments(clean);
        Outcome o;
        try {
            o = finish.await();
        } catch (RuntimeException e) {
            return new ChaosRound(round, job, victim, delayMs, mergedAtKill, downMs, restartMs, JobState.JOB_STATE_UNSPECIFIED,
                    e.toString(), -1, expected, 0);
        }
        JobState state = o.last().getState();
        String message = o.last().getMessage();
        long m = -1;
        if (o.product() != null) {
            m = segments(o.product());
            try {
                Products.assertSameProduct("round " + round, clean, o.product());
                message = "";
            } catch (AssertionError e) {
                message = "not the clean product: " + e.getMessage();
            }
        }
        return new ChaosRound(round, job, victim, delayMs, mergedAtKill, downMs, restartMs, state, message, m, expected, 0);
    }

    ChaosRound took(long millis) {
        return new ChaosRound(round, job, victim, delayMs, mergedAtKill, downMs, restartMs, state, message, segments,
                expectedSegments, millis);
    }

    long lost() {
        return segments < 0 ? expectedSegments : Math.max(0, expectedSegments - segments);
    }

    long duplicated() {
        return Math.max(0, segments - expectedSegments);
    }

    boolean ok() {
        return state == JobState.SUCCEEDED && message.isEmpty() && lost() == 0 && duplicated() == 0;
    }

    String line() {
        return String.format(Locale.ROOT, "round %d: %s, kill -9 %s after %.1f s (%s merged), down %.1f s, restart %.1f s:"
                        + " %s, segments %d of %d, lost %d, duplicated %d, %.1f s%s%s",
                round, job, victim, delayMs / 1e3, mergedAtKill < 0 ? "?" : Long.toString(mergedAtKill), downMs / 1e3,
                restartMs / 1e3, state, segments, expectedSegments, lost(), duplicated(), tookMs / 1e3,
                ok() ? " -> ok" : " -> FAILED", message.isEmpty() ? "" : ": " + message);
    }

    /** The Markdown summary: totals and a table of the rounds. */
    static String summary(List<ChaosRound> rounds, long seed, long cleanMillis) {
        long ok = rounds.stream().filter(ChaosRound::ok).count();
        StringBuilder sb = new StringBuilder("# Chaos run\n\n");
        sb.append(String.format(Locale.ROOT, "%d rounds (seed %d), %d ok, %d failed; segments lost %d, duplicated %d."
                        + " A clean job took %.1f s.%n%n", rounds.size(), seed, ok, rounds.size() - ok,
                rounds.stream().mapToLong(ChaosRound::lost).sum(), rounds.stream().mapToLong(ChaosRound::duplicated).sum(),
                cleanMillis / 1e3));
        sb.append("| round | job | killed | after (s) | merged at kill | down (s) | restart (s) | state | segments | lost | dup | took (s) | ok |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ChaosRound r : rounds) {
            sb.append(String.format(Locale.ROOT, "| %d | %s | %s | %.1f | %s | %.1f | %.1f | %s | %d/%d | %d | %d | %.1f | %s |%n",
                    r.round, r.job, r.victim, r.delayMs / 1e3, r.mergedAtKill < 0 ? "?" : Long.toString(r.mergedAtKill),
                    r.downMs / 1e3, r.restartMs / 1e3, r.state, r.segments, r.expectedSegments, r.lost(), r.duplicated(),
                    r.tookMs / 1e3, r.ok() ? "yes" : "no: " + r.message.replace('|', '/').replace('\n', ' ')));
        }
        return sb.toString();
    }

    /** Segments a product averages: m, or the columns of a dynamical power spectrum. */
    static long segments(Product p) {
        return p.getKind() == ProductKind.DYNPS ? p.getTimeCount() : p.getM();
    }
}
