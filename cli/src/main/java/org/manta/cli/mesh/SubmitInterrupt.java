package org.manta.cli.mesh;

import java.io.PrintStream;
import java.time.Duration;
import org.manta.mesh.client.MeshCallException;
import org.manta.mesh.client.MeshClient;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.JobStatus;

/**
 * What Ctrl-C (SIGINT) or SIGTERM does to a running {@code manta submit}: a JVM shutdown hook, registered while the
 * command talks to the mesh, that cancels the job it submitted ({@code JobService.Cancel}, saying {@code manta:
 * interrupted: cancelling job ID} on stderr), or, before the mesh has accepted it, ends the calls in flight (an upload's
 * stream is cancelled on the wire: the mesh fails its job and removes what it staged). The process then exits as the
 * signal says (130 for SIGINT, 143 for SIGTERM); the command's own thread, which sees its calls end meanwhile, says
 * nothing more ({@link #fired}) and waits for the hook ({@link #close}). A job that is already final (the command
 * fetches its product, say) is not cancelled: the hook says its state and, for a product kept on the mesh, how to fetch
 * or delete it.
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
    private volatile JobState finalState;
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

    /** The job ended in {@code state} (its Watch said so): from now on an interrupt leaves it as it is. */
    void finished(JobState state) {
        this.finalState = state;
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
        JobState state = finalState;
        if (id != null && state != null) {
            err.println("manta: interrupted: " + alreadyFinal(id, state));
        } else if (id != null) {
            err.println("manta: interrupted: cancelling job " + id);
            try {
                JobStatus after = client.cancel(id, CANCEL_TIMEOUT);
                if (after.getState() == JobState.SUCCEEDED) {       // it ended before the cancel came
                    err.println("manta: " + alreadyFinal(id, after.getState()));
                }
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
     * What an interrupt says of a final job: its state and, when it SUCCEEDED, that its product stays on the mesh and
     * the commands that fetch or delete it.
     */
    static String alreadyFinal(String id, JobState state) {
        return "job " + id + " already " + state + (state != JobState.SUCCEEDED ? ""
                : ": its product is kept on the mesh (fetch it with 'manta submit get " + id + " -o FILE', delete it "
                        + "with 'manta submit delete " + id + "')");
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
