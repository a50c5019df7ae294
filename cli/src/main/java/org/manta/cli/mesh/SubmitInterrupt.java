package org.manta.cli.mesh;

import java.io.PrintStream;
import java.time.Duration;
import org.manta.mesh.client.MeshCallException;
import org.manta.mesh.client.MeshClient;

/**
 * What Ctrl-C (SIGINT) or SIGTERM does to a running {@code manta submit}: a JVM shutdown hook, registered while the
 * command talks to the mesh, that cancels the job it submitted ({@code JobService.Cancel}, saying {@code manta:
 * interrupted: cancelling job ID} on stderr), or, before the mesh has accepted it, ends the calls in flight (an upload's
 * stream is cancelled on the wire: the mesh fails its job and removes what it staged). The process then exits as the
 * signal says (130 for SIGINT, 143 for SIGTERM); the command's own thread, which sees its calls end meanwhile, says
 * nothing more ({@link #fired}) and waits for the hook ({@link #close}).
 */
final class SubmitInterrupt implements AutoCloseable {
    /** How long the hook waits for the mesh to take the cancel before the process exits anyway. */
    static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(5);

    private final PrintStream err;
    private final boolean terminal;
    private final Thread hook = new Thread(this::interrupted, "manta-submit-interrupt");
    private volatile MeshClient mesh;
    private volatile boolean uploading;
    private volatile String jobId;
    private volatile boolean fired;

    /**
     * Registers the hook.
     *
     * @param terminal whether stderr shows a progress line redrawn in place (the message then starts on a line of its own)
     */
    SubmitInterrupt(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The client that talks to the mesh; {@code uploading}: its first call is an upload. */
    void calling(MeshClient client, boolean upload) {
        this.mesh = client;
        this.uploading = upload;
    }

    /** The mesh accepted the job: from now on an interrupt cancels it. */
    void accepted(String id) {
        this.jobId = id;
    }

    /** Whether the process is exiting on a signal (the hook ran or runs): the command's thread then says nothing more. */
    boolean fired() {
        return fired;
    }

    /** What the hook does (package-private for tests, which call it without a signal). */
    void interrupted() {
        fired = true;
        if (terminal) {
            err.println();
        }
        String id = jobId;
        MeshClient client = mesh;
        if (id != null) {
            err.println("manta: interrupted: cancelling job " + id);
            try {
                client.cancel(id, CANCEL_TIMEOUT);
            } catch (MeshCallException e) {
                err.println("manta: job " + id + " may still run: the mesh did not take the cancel: " + e.getMessage());
            }
        } else if (client != null) {
            err.println(uploading ? "manta: interrupted: cancelling the upload (the mesh fails its job)"
                    : "manta: interrupted before the mesh accepted the job");
        } else {
            err.println("manta: interrupted");
        }
        if (client != null) {
            client.close();    // ends the calls in flight on the wire: an upload's stream is cancelled
        }
        err.flush();
    }

    /**
     * Removes the hook: the command is done. If the JVM is exiting on a signal instead, waits for the hook, so that the
     * command's thread neither closes the client under the hook's cancel nor says more (the JVM halts once the hook is
     * done).
     */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs
        }
        if (fired) {
            try {
                hook.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
