package org.manta.cli.pipeline;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;
import org.manta.core.MantaException;

/**
 * Where a command says that it changed or assumed something the user did not ask for (a bin time moved to a
 * multiple of TIMEDEL, a segment fixed to whole bins, GTIs taken from the events, ...: the core's
 * {@link org.manta.core.plan.PlanWarnings}): one line
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
