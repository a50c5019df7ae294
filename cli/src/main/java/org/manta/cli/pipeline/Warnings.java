package org.manta.cli.pipeline;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.manta.cli.output.Numbers;
import org.manta.core.MantaException;
import org.manta.core.gti.GtiList;

/**
 * Where a command says that it changed or assumed something the user did not ask for (a bin time moved to a
 * multiple of TIMEDEL, a segment fixed to whole bins, GTIs taken from the events, ...): one line
 * {@code manta: warning: ...} on standard error, as Stingray warns. With {@code --strict} each of them is an
 * error instead (exit 2), so a script cannot go on with a value it did not ask for.
 */
public final class Warnings {
    private final PrintWriter err;
    private final boolean strict;
    /** What was said already: the same file given twice (lomb FILE --events2 FILE) is warned about once. */
    private final Set<String> said = new HashSet<>();

    /**
     * @param err    where warning lines go (flushed after each)
     * @param strict turn every warning into a {@link MantaException}
     */
    public Warnings(PrintWriter err, boolean strict) {
        this.err = err;
        this.strict = strict;
    }

    /** Warnings that go nowhere (library use, benchmarks). */
    public static Warnings silent() {
        return new Warnings(new PrintWriter(java.io.Writer.nullWriter()), false);
    }

    /**
     * Says that one analysis of the whole span of {@code gti} (several intervals) takes the gaps between them as bins
     * of zero counts: {@code SOURCE: one ANALYSIS of the whole span (S s) over N GTIs: the gaps between them (G gaps,
     * T s) are zeros in the light curve; ADVICE}.
     *
     * @throws MantaException under {@code --strict}
     */
    public void gapsAsZeros(Object source, String analysis, GtiList gti, String advice) {
        double span = gti.stop() - gti.start();
        int gaps = gti.size() - 1;
        warn(String.format(Locale.ROOT, "%s: one %s of the whole span (%s s) over %d GTIs: the gaps between them (%d"
                        + " gap%s, %s s) are zeros in the light curve; %s", source, analysis, Numbers.compact(span),
                gti.size(), gaps, gaps == 1 ? "" : "s", Numbers.compact(span - gti.exposure()), advice));
    }

    /**
     * Reports {@code message} (one line, no trailing period needed), once: a message said before is not
     * repeated.
     *
     * @throws MantaException under {@code --strict}, with the same message
     */
    public synchronized void warn(String message) {
        if (strict) {
            throw new MantaException(message + " (an error under --strict)");
        }
        if (!said.add(message)) {
            return;
        }
        err.println("manta: warning: " + message);
        err.flush();
    }
}
