package org.manta.ingest.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.manta.core.MantaException;
import org.manta.ingest.IngestConfig;
import org.manta.ingest.kafka.MeshProducer;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.errors.JobNotFoundException;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.jobs.JobView;
import org.manta.mesh.common.mapping.JobPlan;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.mapping.Protos;
import org.manta.proto.v1.EventChunk;
import org.manta.proto.v1.JobIngest;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobStatus;

/**
 * The jobs side of the edge: accepts jobs (spec validated, inputs resolved under the data root, the
 * spec durable on {@code manta.jobs} before any data moves), reads their files onto
 * {@code manta.chunks} on a bounded pool, takes uploads, cancels, and answers about jobs from the
 * {@link JobView}. A problem with a job's data fails that job (a FAILED record with the reason),
 * never the service.
 *
 * <p>Each job's records say which instance sends its input ({@code manta.kafka.instance-id}), what it
 * opened and when every chunk is durable. After a restart, once the view has read {@code manta.jobs},
 * the instance resumes the file jobs it was sending (reads the files again from the start and re-sends
 * every chunk with the same seq: segment-service drops those it has) and fails the uploads it was
 * receiving, whose events went with the process ({@link Resumption}).
 */
@ApplicationScoped
public class JobDesk {
    private static final Logger LOG = Logger.getLogger(JobDesk.class);
    /** How long an answer about an unknown job waits for the job view to catch up after a start. */
    static final Duration VIEW_PATIENCE = Duration.ofSeconds(5);
    /** The message of an upload that a restart interrupted. */
    static final String UPLOAD_INTERRUPTED = "the upload was interrupted when ingest-service restarted; upload again";

    @Inject
    IngestConfig config;
    @Inject
    MeshProducer producer;
    @Inject
    JobView jobs;
    @Inject
    MeterRegistry registry;
    @Inject
    KafkaConfig kafka;

    private DataRoot dataRoot;
    private ExecutorService pool;
    private final Map<String, AtomicBoolean> cancelFlags = new ConcurrentHashMap<>();
    private Counter submitted;
    private Counter failed;
    private Counter events;
    private Counter resumed;
    /** Jobs this process accepted while it looked for jobs to resume (they are not to be resumed). */
    private final Set<String> acceptedWhileResuming = ConcurrentHashMap.newKeySet();
    private volatile boolean resumeLookDone;
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        dataRoot = new DataRoot(config.dataRoot());
        pool = Executors.newFixedThreadPool(config.ingestThreads(), Thread.ofPlatform().name("manta-ingest-", 0).factory());
        submitted = Counter.builder("manta.ingest.jobs.submitted").description("jobs accepted").register(registry);
        failed = Counter.builder("manta.ingest.jobs.failed").description("jobs failed by ingest (bad input files)").register(registry);
        events = Counter.builder("manta.ingest.events").description("events sent on manta.chunks").register(registry);
        resumed = Counter.builder("manta.ingest.jobs.resumed")
                .description("file jobs whose interrupted ingestion was resumed after a restart").register(registry);
        LOG.infof("ingest-service: data root %s, uploads up to %d bytes", dataRoot.root(), config.maxUploadBytes());
    }

    void resumeAfterStart(@Observes StartupEvent event) {
        Thread.ofPlatform().name("manta-ingest-resume").daemon().start(this::resumeInterruptedJobs);
    }

    /** Before the producer closes: file jobs stop where they are, unfailed (the next start resumes them). */
    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stopping = true;
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /**
     * Accepts a job on files under the data root; returns its id once the spec is durable.
     *
     * @throws org.manta.core.InvalidParameterException for a bad spec or input path (INVALID_ARGUMENT)
     */
    public String submit(JobSpec spec) {
        JobPlan plan = JobSpecs.plan(spec, false);
        List<Path> files = files(spec);
        String jobId = accept(spec);
        startFileJob(jobId, spec, plan, files, JobIngest.getDefaultInstance());
        return jobId;
    }

    private List<Path> files(JobSpec spec) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < spec.getInputsCount(); i++) {
            files.add(dataRoot.resolve("inputs[" + i + "]", spec.getInputs(i)));
        }
        return files;
    }

    /**
     * Queues the reading of a job's files.
     *
     * @param before what the job's records say was opened already (a resumed job), or nothing
     */
    private void startFileJob(String jobId, JobSpec spec, JobPlan plan, List<Path> files, JobIngest before) {
        AtomicBoolean cancel = new AtomicBoolean();
        cancelFlags.put(jobId, cancel);
        pool.submit(() -> runFileJob(jobId, spec, plan, files, cancel, before));
    }

    private void runFileJob(String jobId, JobSpec spec, JobPlan plan, List<Path> files, AtomicBoolean cancel,
                            JobIngest before) {
        try {
            if (jobs.get(jobId, Duration.ZERO).map(r -> JobRecords.isFinal(r.getState())).orElse(false)) {
                return;     // cancelled while it waited
            }
            // a job whose files were opened before (its chunks may be on manta.chunks); one that was stopped
            // before that sent no chunk and is read as for the first time
            boolean resuming = before.getEventsPerChunk() > 0;
            String inputs = String.join(", ", spec.getInputsList());
            write(JobRecords.running(jobId, (resuming ? "reading again after an ingest-service restart: " : "reading ")
                    + inputs, Instant.now()));
            // the chunks sent again must be those sent before: same bytes, same events per chunk
            int eventsPerChunk = resuming ? before.getEventsPerChunk() : config.eventsPerChunk();
            long n = FileIngestion.ingest(jobId, spec, plan, files, eventsPerChunk, producer::sendChunk,
                    () -> cancel.get() || stopping, opened -> {
                        if (resuming) {
                            FileIngestion.checkUnchanged(before.getInputsList(), opened);
                        } else {
                            write(JobRecords.inputsOpened(jobId, opened, eventsPerChunk, Instant.now()));
                        }
                    });
            events.increment(n);
            if (cancel.get() || stopping) {
                LOG.infof("job %s: stopped after %d events (%s)", jobId, n, cancel.get() ? "cancelled" : "shutdown");
                return;
            }
            write(JobRecords.inputSent(jobId, Instant.now()));
            LOG.infof("job %s: %d events of %s on manta.chunks", jobId, n, spec.getInputsList());
        } catch (RuntimeException e) {
            if (stopping) {
                // an interrupted read or a closed producer: not the job's fault
                LOG.infof("job %s: stopped by the shutdown (%s); the next start of this instance resumes it", jobId, e);
            } else if (e instanceof MantaException) {
                // name inputs as the client did, relative to the data root, not by this server's absolute paths
                fail(jobId, e.getMessage().replace(dataRoot.root() + java.io.File.separator, ""));
            } else {
                LOG.errorf(e, "job %s: ingestion failed", jobId);
                fail(jobId, "ingest-service: internal error: " + e);
            }
        } finally {
            cancelFlags.remove(jobId);
        }
    }

    /** Starts an upload: validates the spec and makes the job (QUEUED then RUNNING). */
    public UploadSession startUpload(JobSpec spec) {
        JobPlan plan = JobSpecs.plan(spec, true);
        String jobId = accept(spec);
        write(JobRecords.running(jobId, "receiving an upload", Instant.now()));
        return new UploadSession(jobId, spec, plan, config.maxUploadBytes(), config.eventsPerChunk());
    }

    /** Sends chunks of an upload (asynchronously). */
    public void send(List<EventChunk> chunks) {
        for (EventChunk c : chunks) {
            producer.sendChunk(c);
            events.increment(c.getTimeCount());
        }
    }

    /** Sends the last chunks of a complete upload, waits until all its chunks are durable and records that. */
    public void finish(UploadSession upload) {
        send(upload.finish());
        producer.flush();
        write(JobRecords.inputSent(upload.jobId(), Instant.now()));
    }

    /** Fails a job with a message (bad input), e.g. a broken upload. */
    public void fail(String jobId, String message) {
        failed.increment();
        LOG.warnf("job %s failed: %s", jobId, message);
        try {
            write(JobRecords.failed(jobId, message, Instant.now()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %s: cannot record the failure", jobId);
        }
    }

    /**
     * Cancels a job (no effect once it is final) and returns its status.
     *
     * @throws JobNotFoundException for an unknown id
     */
    public JobStatus cancel(String jobId) {
        JobRecord current = record(jobId);
        if (!JobRecords.isFinal(current.getState())) {
            AtomicBoolean flag = cancelFlags.get(jobId);
            if (flag != null) {
                flag.set(true);
            }
            write(JobRecords.cancelled(jobId, Instant.now()));
        }
        return JobRecords.status(record(jobId));
    }

    /** @throws JobNotFoundException for an unknown id */
    public JobRecord record(String jobId) {
        return jobs.get(jobId, VIEW_PATIENCE).orElseThrow(() -> new JobNotFoundException(jobId));
    }

    public JobView view() {
        return jobs;
    }

    private String accept(JobSpec spec) {
        String jobId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        if (!resumeLookDone) {
            acceptedWhileResuming.add(jobId);
        }
        write(JobRecords.queued(jobId, spec, kafka.instanceId(), now));
        submitted.increment();
        timeUntilFinal(jobId, spec, now);
        return jobId;
    }

    /** Records the job's time from {@code submitted} to its final state in {@code manta.jobs.duration}. */
    private void timeUntilFinal(String jobId, JobSpec spec, Instant submitted) {
        Timer duration = Timer.builder("manta.jobs.duration").description("job submission to final state")
                .tag("kind", spec.getKind().name()).register(registry);
        AutoCloseable[] watch = new AutoCloseable[1];
        watch[0] = jobs.watch(jobId, r -> {
            if (JobRecords.isFinal(r.getState()) && watch[0] != null) {
                Instant end = r.getTimings().hasFinished() ? Protos.instant(r.getTimings().getFinished()) : Instant.now();
                duration.record(Duration.between(submitted, end).toNanos(), TimeUnit.NANOSECONDS);
                try {
                    watch[0].close();
                    watch[0] = null;
                } catch (Exception e) {
                    LOG.debug("closing a job watch", e);
                }
            }
        });
    }

    /**
     * After a start: once the view has read {@code manta.jobs}, resumes the file jobs this instance was
     * sending and fails the uploads it was receiving (see the class comment); leaves every other job.
     */
    private void resumeInterruptedJobs() {
        try {
            while (!jobs.awaitCaughtUp(Duration.ofSeconds(30))) {
                if (stopping || Thread.currentThread().isInterrupted()) {
                    return;
                }
                LOG.info("waiting for the job view to read manta.jobs before resuming interrupted jobs");
            }
            for (JobRecord r : jobs.all()) {
                if (acceptedWhileResuming.contains(r.getJobId())) {
                    continue;
                }
                switch (Resumption.of(r, kafka.instanceId())) {
                    case RESUME -> resume(r);
                    case FAIL -> fail(r.getJobId(), UPLOAD_INTERRUPTED);
                    case LEAVE -> { }
                }
            }
        } catch (RuntimeException e) {
            LOG.error("resuming interrupted jobs failed", e);
        } finally {
            resumeLookDone = true;
            acceptedWhileResuming.clear();
        }
    }

    private void resume(JobRecord r) {
        String jobId = r.getJobId();
        JobSpec spec = r.getSpec();
        List<Path> files;
        JobPlan plan;
        try {
            plan = JobSpecs.plan(spec, false);
            files = files(spec);
        } catch (MantaException e) {
            fail(jobId, "cannot resume the job after an ingest-service restart: " + e.getMessage());
            return;
        }
        LOG.infof("resuming job %s: reading %s from the start (a restart interrupted its ingestion)",
                jobId, spec.getInputsList());
        resumed.increment();
        timeUntilFinal(jobId, spec, r.getTimings().hasSubmitted() ? Protos.instant(r.getTimings().getSubmitted()) : Instant.now());
        startFileJob(jobId, spec, plan, files, r.getIngest());
    }

    /** Writes a job record (durably) and applies it to the local view at once. */
    private void write(JobRecord record) {
        producer.writeJob(record);
        jobs.apply(record);
    }
}
