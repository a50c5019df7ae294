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
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.manta.core.MantaException;
import org.manta.core.plan.InputHeader;
import org.manta.core.plan.JobRequest;
import org.manta.ingest.IngestConfig;
import org.manta.ingest.kafka.IngestInstances;
import org.manta.ingest.kafka.MeshProducer;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.errors.JobFinalException;
import org.manta.mesh.common.errors.JobNotFoundException;
import org.manta.mesh.common.errors.LimitExceededException;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.jobs.JobView;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.mapping.Protos;
import org.manta.mesh.common.storage.Storage;
import org.manta.proto.RecordFormat;
import org.manta.proto.v1.EventBatch;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobIngest;
import org.manta.proto.v1.JobInput;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobStatus;

/**
 * The jobs side of the edge: accepts jobs (spec validated, inputs resolved under the data root, the
 * spec durable on {@code manta.jobs} before any data moves), prepares their inputs on a bounded pool and
 * publishes each job's one {@code JobInput} on {@code manta.inputs} (design.md §2.1: events never cross the
 * broker; segment-service plans the job from the files), stages uploads, cancels, and answers about jobs
 * from the {@link JobView}. A problem with a job's data fails that job (a FAILED record with the reason),
 * never the service.
 *
 * <p>Preparing a file job: each input's sha256 and size (of the bytes as given), a {@code .gz} input
 * decompressed once to the job's staging directory ({@link InputStaging}), every input opened where the
 * services will read it and the job planned on their headers, exactly as segment-service will plan it (so
 * a file the plan cannot use, e.g. a band on a column it lacks, fails the job here, named as the client
 * named it). Then the inputs go on the job record, the {@code JobInput} on {@code manta.inputs}, and an
 * "input sent" record follows.
 *
 * <p>Each job's records say which instance prepares its input ({@code manta.kafka.instance-id}), what it
 * opened and when the {@code JobInput} is durable. After a restart, once the view has read
 * {@code manta.jobs}, the instance prepares the file jobs whose input it had not sent again from the start
 * (their files must have the sha256 recorded; a staged file already complete is kept) and fails the
 * uploads it was receiving, whose events went with the process ({@link Resumption}). A job's input may
 * thus be published twice; segment-service plans a job once. The jobs of an instance that does not come back
 * (missing from the live instances, {@link IngestInstances}, for {@code manta.ingest.adopt-after}) are taken
 * over the same way by the live instance with the least id ({@link LostInstances}).
 *
 * <p>Job records go to {@code manta.job-events} (reduce-service publishes the merged record on
 * {@code manta.jobs}) and are applied to this instance's view at once. A record or input that Kafka does not
 * take fails the job, naming the topic and the cause.
 */
@ApplicationScoped
public class JobDesk {
    private static final Logger LOG = Logger.getLogger(JobDesk.class);
    /** The message of an upload that a restart interrupted. */
    static final String UPLOAD_INTERRUPTED = "the upload was interrupted when ingest-service restarted; upload again";
    /** How long a FAILED record that Kafka did not take waits before it is written again. */
    static final Duration FAILED_RETRY = Duration.ofSeconds(5);

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
    @Inject
    Storage storage;
    @Inject
    IngestInstances instances;

    private ExecutorService pool;
    /** Writes FAILED records again and looks for the jobs of lost instances. */
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("manta-ingest-retry").daemon().factory());
    private LostInstances lost;
    private Counter adopted;
    private JobLimits limits;
    /** The uploads in progress on this instance, per principal (job ids). */
    private final Map<String, Set<String>> uploads = new ConcurrentHashMap<>();
    /** The same uploads by job id, to drop one that goes idle or whose job is final meanwhile. */
    private final Map<String, UploadSession> receiving = new ConcurrentHashMap<>();
    /** Removes the staging directories of final jobs, off the job view's thread. */
    private ExecutorService janitor;
    private final Map<String, AtomicBoolean> cancelFlags = new ConcurrentHashMap<>();
    private Counter submitted;
    private Counter failed;
    private Counter events;
    private Counter resumed;
    private Counter unstaged;
    /** Calls about jobs this instance does not know that wait for them now (at most manta.ingest.unknown-job-waits). */
    private Semaphore unknownWaits;
    private Counter unknownRefused;
    /** Jobs this process accepted while it looked for jobs to resume (they are not to be resumed). */
    private final Set<String> acceptedWhileResuming = ConcurrentHashMap.newKeySet();
    private volatile boolean resumeLookDone;
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        limits = JobLimits.of(config.maxSegments(), config.maxSegmentBins(), config.maxProductBytes(), config.maxGtis());
        pool = Executors.newFixedThreadPool(config.ingestThreads(), Thread.ofPlatform().name("manta-ingest-", 0).factory());
        unknownWaits = new Semaphore(config.unknownJobWaits());
        unknownRefused = Counter.builder("manta.ingest.unknown.job.waits.refused")
                .description("calls about a job this instance does not know refused because manta.ingest.unknown-job-waits "
                        + "calls were waiting already").register(registry);
        submitted = Counter.builder("manta.ingest.jobs.submitted").description("jobs accepted").register(registry);
        failed = Counter.builder("manta.ingest.jobs.failed").description("jobs failed by ingest (bad input files)").register(registry);
        events = Counter.builder("manta.ingest.events")
                .description("events of the inputs published on manta.inputs (rows of their event files)").register(registry);
        resumed = Counter.builder("manta.ingest.jobs.resumed")
                .description("file jobs whose interrupted ingestion was resumed after a restart").register(registry);
        adopted = Counter.builder("manta.ingest.jobs.adopted")
                .description("jobs of lost ingest instances taken over (file jobs resumed here, uploads failed)")
                .register(registry);
        lost = new LostInstances(config.adoptAfter());
        unstaged = Counter.builder("manta.ingest.staging.removed")
                .description("staging directories of final jobs removed (uploads, decompressed .gz inputs)").register(registry);
        janitor = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("manta-ingest-janitor").daemon().factory());
        jobs.watchAll(this::unstageIfFinal);
        long idleCheck = Math.clamp(config.uploadIdleTimeout().toMillis() / 4, 100, 10_000);
        retries.scheduleWithFixedDelay(this::dropIdleUploads, idleCheck, idleCheck, TimeUnit.MILLISECONDS);
        LOG.infof("ingest-service: data root %s, staging root %s, uploads up to %d bytes", storage.dataRoot(),
                storage.stagingRoot(), config.maxUploadBytes());
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
        retries.shutdownNow();
        if (janitor != null) {
            janitor.shutdownNow();
        }
    }

    /**
     * A job of this instance that is final (done, failed, cancelled from any replica) needs its staged files no
     * more: its staging directory is removed (the services read them only while the job runs). Called for every
     * job record the view applies, also those of the jobs read at start.
     */
    private void unstageIfFinal(JobRecord r) {
        UploadSession upload = receiving.get(r.getJobId());
        if (!stopping && upload != null && JobRecords.isFinal(r.getState())) {
            // its client may never send another message to be refused: the upload ends now, freeing its slot
            janitor.submit(() -> refuse(upload, "the job is " + r.getState()));
        }
        if (!stopping && JobRecords.isFinal(r.getState()) && r.getIngest().getInstanceId().equals(kafka.instanceId())
                && InputStaging.hasStaging(storage, r.getJobId())) {
            janitor.submit(() -> {
                if (!InputStaging.hasStaging(storage, r.getJobId())) {
                    return;          // removed by an earlier notification
                }
                try {
                    long bytes = InputStaging.removeStaging(storage, r.getJobId());
                    unstaged.increment();
                    LOG.infof("job %s is %s: removed its staging directory (%d bytes)", r.getJobId(), r.getState(), bytes);
                } catch (RuntimeException e) {
                    LOG.warnf("job %s: cannot remove its staging directory: %s", r.getJobId(), e.getMessage());
                }
            });
        }
    }

    /**
     * Accepts a job on files under the data root; returns its id once the spec is durable.
     *
     * @param owner the principal that submits it (docs/security.md)
     * @throws org.manta.core.InvalidParameterException for a bad spec or input path (INVALID_ARGUMENT)
     * @throws LimitExceededException for a job larger than the edge's limits or a client over its bound of open
     *                                jobs (RESOURCE_EXHAUSTED)
     */
    public String submit(JobSpec asked, String owner) {
        List<Path> files = files(asked);
        JobSpec spec = InputStaging.withOwnDt(asked, files);
        JobRequest request = JobSpecs.request(spec, false);
        limits.checkSpec(spec, request);
        checkSize(spec, request, files);
        String jobId = accept(spec, owner);
        startFileJob(jobId, spec, request, files, JobIngest.getDefaultInstance());
        return jobId;
    }

    /**
     * The size limits on the plan of plain input files, from their headers (GTIs), before the job is accepted.
     * A compressed file's GTIs come with its staging ({@link #runFileJob} checks them there); anything else wrong
     * with a file fails the job as it is prepared.
     */
    private void checkSize(JobSpec spec, JobRequest request, List<Path> files) {
        List<InputHeader> headers = new ArrayList<>();
        try {
            for (int i = 0; i < files.size(); i++) {
                if (InputStaging.isGzip(spec.getInputs(i), files.get(i))) {
                    return;
                }
                headers.add(InputStaging.read(files.get(i), spec.getInputs(i), spec).header());
            }
            limits.plans(spec, request, headers);
        } catch (LimitExceededException e) {
            throw e;
        } catch (RuntimeException e) {
            // not a size limit: the job's preparation finds it and fails the job with the reason
        }
    }

    private List<Path> files(JobSpec spec) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < spec.getInputsCount(); i++) {
            files.add(storage.resolveInput("inputs[" + i + "]", spec.getInputs(i)));
        }
        return files;
    }

    /**
     * Queues the preparation of a job's files.
     *
     * @param before what the job's records say was opened already (a resumed job), or nothing
     */
    private void startFileJob(String jobId, JobSpec spec, JobRequest request, List<Path> files, JobIngest before) {
        AtomicBoolean cancel = new AtomicBoolean();
        cancelFlags.put(jobId, cancel);
        pool.submit(() -> runFileJob(jobId, spec, request, files, cancel, before));
    }

    private void runFileJob(String jobId, JobSpec spec, JobRequest request, List<Path> files, AtomicBoolean cancel,
                            JobIngest before) {
        try {
            if (halted(jobId, cancel)) {
                return;     // cancelled while it waited
            }
            // a job whose files were opened before (its input may be on manta.inputs already); one that was
            // stopped before that is prepared as for the first time
            boolean resuming = before.getInputsCount() > 0;
            String inputs = String.join(", ", spec.getInputsList());
            write(JobRecords.running(jobId, (resuming ? "reading again after an ingest-service restart: " : "reading ")
                    + inputs, Instant.now()));
            List<InputFile> opened = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                opened.add(InputStaging.open(spec.getInputs(i), files.get(i)));
            }
            if (resuming) {
                InputStaging.checkUnchanged(before.getInputsList(), opened);
            }
            List<InputStaging.Staged> staged = new ArrayList<>();
            for (int i = 0; i < files.size() && !halted(jobId, cancel); i++) {
                InputFile earlier = i < before.getInputsCount() ? before.getInputs(i) : InputFile.getDefaultInstance();
                InputFile located = InputStaging.locate(storage, jobId, i, opened.get(i), files.get(i), earlier);
                staged.add(InputStaging.staged(storage, located, spec.getInputs(i), spec));
            }
            if (halted(jobId, cancel)) {
                stopped(jobId);
                return;
            }
            limits.plans(spec, request, staged.stream().map(InputStaging.Staged::header).toList());
            write(JobRecords.inputsOpened(jobId, staged.stream().map(InputStaging.Staged::input).toList(), Instant.now()));
            publish(jobId, spec, staged);
        } catch (RuntimeException e) {
            if (stopping) {
                // an interrupted read or a closed producer: not the job's fault
                LOG.infof("job %s: stopped by the shutdown (%s); the next start of this instance resumes it", jobId, e);
            } else if (e instanceof MantaException) {
                // name inputs as the client did, relative to the data root, not by this server's absolute paths
                failAndUnstage(jobId, e.getMessage().replace(storage.dataRoot() + File.separator, ""));
            } else if (e instanceof MeshProducer.WriteFailed) {
                failAndUnstage(jobId, "ingest-service: " + e.getMessage());
            } else {
                LOG.errorf(e, "job %s: ingestion failed", jobId);
                failAndUnstage(jobId, "ingest-service: internal error: " + e);
            }
        } finally {
            cancelFlags.remove(jobId);
        }
    }

    /** True once the job is cancelled (here or through another instance) or the service stops. */
    private boolean halted(String jobId, AtomicBoolean cancel) {
        return cancel.get() || stopping
                || jobs.get(jobId, Duration.ZERO).map(r -> JobRecords.isFinal(r.getState())).orElse(false);
    }

    /** A job halted before its input was published: a cancelled one leaves no staged file; a stopped one is resumed. */
    private void stopped(String jobId) {
        if (stopping) {
            LOG.infof("job %s: stopped by the shutdown before its input was published; the next start resumes it", jobId);
        } else {
            LOG.infof("job %s: cancelled before its input was published", jobId);
            unstage(jobId);
        }
    }

    /**
     * Publishes a job's input on {@code manta.inputs} (durably), then records that it is sent; a job final
     * meanwhile (cancelled) is not published, and its staged files go.
     */
    private void publish(String jobId, JobSpec spec, List<InputStaging.Staged> staged) {
        if (jobs.get(jobId, Duration.ZERO).map(r -> JobRecords.isFinal(r.getState())).orElse(false)) {
            LOG.infof("job %s: final before its input was published; not published", jobId);
            unstage(jobId);
            return;
        }
        List<InputFile> inputs = staged.stream().map(InputStaging.Staged::input).toList();
        producer.sendInput(JobInput.newBuilder().setFormatVersion(RecordFormat.CURRENT).setJobId(jobId).setSpec(spec)
                .addAllInputs(inputs).build());
        write(JobRecords.inputSent(jobId, Instant.now()));
        long n = staged.stream().mapToLong(InputStaging.Staged::events).sum();
        events.increment(n);
        LOG.infof("job %s: input on manta.inputs (%d events): %s", jobId, n,
                inputs.stream().map(f -> f.getPath() + " at " + f.getLocation()).toList());
    }

    /**
     * The owner's uploads in progress on every ingest replica: those this instance receives ({@code mine}, some not
     * yet in the view), and, from the shared view of {@code manta.jobs}, the owner's upload jobs that are not final
     * and whose input was not sent yet (receiving or staging on another replica).
     */
    private int uploadsInProgress(String owner, Set<String> mine) {
        Set<String> ids = new java.util.HashSet<>(mine);
        jobs.all().stream().filter(r -> r.getOwner().equals(owner) && r.getSpec().getInputsCount() == 0   // an upload
                        && !JobRecords.isFinal(r.getState()) && !r.getIngest().getInputSent())
                .forEach(r -> ids.add(r.getJobId()));
        return ids.size();
    }

    /**
     * Starts an upload: validates the spec, makes the job (QUEUED then RUNNING, owned by {@code owner}) and its
     * staging directory.
     */
    public UploadSession startUpload(JobSpec spec, String owner) {
        JobRequest request = JobSpecs.request(spec, true);
        limits.checkSpec(spec, request);
        Set<String> mine = uploads.computeIfAbsent(owner, k -> ConcurrentHashMap.newKeySet());
        String jobId;
        synchronized (mine) {
            int inProgress = uploadsInProgress(owner, mine);
            if (inProgress >= config.maxUploadsPerClient()) {
                throw new LimitExceededException("a new upload of '" + owner + "' (" + inProgress + " in progress)",
                        config.maxUploadsPerClient(), "uploads per client", "manta.ingest.max-uploads-per-client");
            }
            jobId = accept(spec, owner);
            mine.add(jobId);
        }
        try {
            write(JobRecords.running(jobId, "receiving an upload", Instant.now()));
            UploadSession upload = new UploadSession(jobId, spec, request, storage, config.maxUploadBytes(),
                    headers -> limits.plans(spec, request, headers));
            receiving.put(jobId, upload);
            return upload;
        } catch (RuntimeException e) {
            endUpload(jobId);
            failAndUnstage(jobId, "upload refused: " + e.getMessage());
            throw e;
        }
    }

    /** An upload is over (finished, refused or aborted): it no longer counts against its client's bound. */
    private void endUpload(String jobId) {
        uploads.values().forEach(jobIds -> jobIds.remove(jobId));
        receiving.remove(jobId);
    }

    /**
     * Fails the uploads whose client sent nothing for {@code manta.ingest.upload-idle-timeout}: a client gone without
     * cancelling its stream (killed, its network lost) is never heard of again, and a closed connection does not end
     * the stream here. A batch being applied holds the session, so a busy upload is never idle.
     */
    private void dropIdleUploads() {
        try {
            long now = System.nanoTime();
            long timeout = config.uploadIdleTimeout().toNanos();
            for (UploadSession upload : receiving.values()) {
                if (upload.idleNanos(now) > timeout) {
                    synchronized (upload) {
                        if (receiving.containsKey(upload.jobId()) && upload.idleNanos(System.nanoTime()) > timeout) {
                            refuse(upload, "the upload stalled: nothing came from the client for "
                                    + config.uploadIdleTimeout().toSeconds() + " s (manta.ingest.upload-idle-timeout); "
                                    + "upload again");
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("dropping idle uploads: %s", e.getMessage());
        }
    }

    /**
     * Completes an upload: finishes its staged files, checks that the job can be planned on them, publishes
     * its input and records that it is sent; returns once all of it is durable.
     *
     * @throws JobFinalException when the job is final already (cancelled on any replica)
     */
    public void finish(UploadSession upload) {
        synchronized (upload) {
            try {
                checkRunning(upload.jobId());
                List<InputStaging.Staged> staged = upload.finish();
                limits.plans(upload.spec(), upload.request(), staged.stream().map(InputStaging.Staged::header).toList());
                publish(upload.jobId(), upload.spec(), staged);
            } finally {
                endUpload(upload.jobId());
            }
        }
    }

    /**
     * Adds a batch to an upload whose job is still running.
     *
     * @throws JobFinalException once the job is final (cancelled here or on another replica, failed as idle)
     */
    public void add(UploadSession upload, EventBatch batch) {
        synchronized (upload) {
            checkRunning(upload.jobId());
            upload.add(batch);
        }
    }

    /** @throws JobFinalException once the job is final (cancelled here or on another replica) */
    private void checkRunning(String jobId) {
        JobRecord r = jobs.get(jobId, Duration.ZERO).orElse(null);
        if (r != null && JobRecords.isFinal(r.getState())) {
            throw new JobFinalException(jobId, r.getState(), r.getMessage());
        }
    }

    /**
     * Drops an upload that was refused or aborted (no staged file stays) and fails its job with the reason (a job
     * final already, e.g. cancelled, stays as it is).
     */
    public void refuse(UploadSession upload, String message) {
        synchronized (upload) {
            endUpload(upload.jobId());
            try {
                upload.abort();
            } catch (RuntimeException e) {
                LOG.warnf(e, "job %s: cannot remove the refused upload's staged files", upload.jobId());
            }
            if (jobs.get(upload.jobId(), Duration.ZERO).map(r -> JobRecords.isFinal(r.getState())).orElse(false)) {
                LOG.infof("job %s: upload stopped: %s", upload.jobId(), message);
                return;
            }
            fail(upload.jobId(), message);
        }
    }

    /** Fails a job and removes its staged files, which nothing will read. */
    private void failAndUnstage(String jobId, String message) {
        fail(jobId, message);
        unstage(jobId);
    }

    private void unstage(String jobId) {
        try {
            InputStaging.removeStaging(storage, jobId);
        } catch (RuntimeException e) {
            LOG.warnf(e, "job %s: cannot remove its staging directory", jobId);
        }
    }

    /**
     * Fails a job with a message (bad input, a broken upload, a record Kafka did not take). The FAILED state is
     * this instance's view at once; should Kafka not take the record either (a broker away past the delivery
     * timeout), it is written again every {@link #FAILED_RETRY} until it is durable or the service stops.
     */
    public void fail(String jobId, String message) {
        failed.increment();
        LOG.warnf("job %s failed: %s", jobId, message);
        JobRecord record = JobRecords.failed(jobId, message, Instant.now());
        jobs.apply(record);
        writeFailed(record, 1);
    }

    private void writeFailed(JobRecord record, int attempt) {
        try {
            producer.writeJob(record);
        } catch (RuntimeException e) {
            if (stopping) {
                LOG.errorf("job %s: its FAILED record was not written before the shutdown: %s", record.getJobId(), e);
                return;
            }
            LOG.errorf("job %s: cannot record the failure (attempt %d; again in %d s): %s", record.getJobId(), attempt,
                    FAILED_RETRY.toSeconds(), e.getMessage());
            retries.schedule(() -> writeFailed(record, attempt + 1), FAILED_RETRY.toMillis(), TimeUnit.MILLISECONDS);
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
            LOG.infof("job %s: cancelled by its client (it was %s)", jobId, current.getState());
        }
        return JobRecords.status(record(jobId));
    }

    /**
     * A job as this instance's view knows it; one it does not know yet is waited for ({@code
     * manta.ingest.unknown-job-patience}): a job that another replica accepted reaches this view only through
     * reduce-service's fold of {@code manta.job-events} onto {@code manta.jobs}, a moment after that replica's Submit
     * returned. At most {@code manta.ingest.unknown-job-waits} such calls wait at once; one more is refused at once
     * ({@link LimitExceededException}: RESOURCE_EXHAUSTED), so made-up ids cannot hold every gRPC worker thread.
     *
     * @throws JobNotFoundException for an id still unknown after that
     */
    public JobRecord record(String jobId) {
        // after a start, every call waits until the view has read manta.jobs (a wait for the view, not for an id)
        Optional<JobRecord> known = jobs.get(jobId, config.unknownJobPatience());
        if (known.isPresent()) {
            return known.get();
        }
        if (!unknownWaits.tryAcquire()) {
            unknownRefused.increment();
            throw new LimitExceededException("calls waiting for jobs this instance does not know", config.unknownJobWaits(),
                    "at once", "manta.ingest.unknown-job-waits");
        }
        try {
            return jobs.await(jobId, config.unknownJobPatience()).orElseThrow(() -> new JobNotFoundException(jobId));
        } finally {
            unknownWaits.release();
        }
    }

    public JobView view() {
        return jobs;
    }

    /**
     * Records a new job of {@code owner}, QUEUED.
     *
     * @throws LimitExceededException if the owner has {@code manta.ingest.max-open-jobs-per-client} jobs that are not final
     */
    private synchronized String accept(JobSpec spec, String owner) {
        long open = jobs.all().stream().filter(r -> r.getOwner().equals(owner) && !JobRecords.isFinal(r.getState())).count();
        if (open >= config.maxOpenJobsPerClient()) {
            throw new LimitExceededException("a new job of '" + owner + "' (" + open + " queued or running)",
                    config.maxOpenJobsPerClient(), "jobs per client that are not final", "manta.ingest.max-open-jobs-per-client");
        }
        String jobId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        if (!resumeLookDone) {
            acceptedWhileResuming.add(jobId);
        }
        write(JobRecords.queued(jobId, spec, owner, kafka.instanceId(), now));
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
     * After a start: once the view has read {@code manta.jobs}, resumes the file jobs whose input this
     * instance had not sent and fails the uploads it was receiving (see the class comment); leaves every other job.
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
                    case FAIL -> failAndUnstage(r.getJobId(), UPLOAD_INTERRUPTED);
                    case LEAVE -> { }
                }
            }
        } catch (RuntimeException e) {
            LOG.error("resuming interrupted jobs failed", e);
        } finally {
            resumeLookDone = true;
            acceptedWhileResuming.clear();
        }
        if (!stopping) {
            long every = Math.clamp(config.adoptAfter().toMillis() / 4, 500, 10_000);
            retries.scheduleWithFixedDelay(this::takeOverLostInstancesJobs, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Takes over the unfinished jobs of ingest instances missing for {@code manta.ingest.adopt-after}
     * ({@link LostInstances}): a file job is adopted (this instance's id on its record) and prepared again from
     * the start, as after a restart; an upload fails.
     */
    private void takeOverLostInstancesJobs() {
        try {
            String self = kafka.instanceId();
            for (LostInstances.Takeover t : lost.due(jobs.all(), instances.live(), self, Instant.now())) {
                String jobId = t.job().getJobId();
                adopted.increment();
                if (t.action() == Resumption.RESUME) {
                    String why = "adopted by ingest instance " + self + ": its ingest instance " + t.lostInstance()
                            + " was lost";
                    LOG.infof("job %s: %s", jobId, why);
                    write(JobRecords.adopted(jobId, self, why, Instant.now()));
                    resume(jobs.get(jobId, Duration.ZERO).orElse(t.job()));
                } else if (t.action() == Resumption.FAIL) {
                    failAndUnstage(jobId, "its ingest instance " + t.lostInstance() + " was lost during the upload; upload again");
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("looking for the jobs of lost ingest instances: %s", e.getMessage());
        }
    }

    private void resume(JobRecord r) {
        String jobId = r.getJobId();
        JobSpec spec = r.getSpec();
        List<Path> files;
        JobRequest request;
        try {
            request = JobSpecs.request(spec, false);
            files = files(spec);
        } catch (MantaException e) {
            fail(jobId, "cannot resume the job after an ingest-service restart: " + e.getMessage());
            return;
        }
        LOG.infof("resuming job %s: preparing %s from the start (a restart interrupted it before its input was sent)",
                jobId, spec.getInputsList());
        resumed.increment();
        timeUntilFinal(jobId, spec, r.getTimings().hasSubmitted() ? Protos.instant(r.getTimings().getSubmitted()) : Instant.now());
        startFileJob(jobId, spec, request, files, r.getIngest());
    }

    /** Writes a job record (durably) and applies it to the local view at once. */
    private void write(JobRecord record) {
        producer.writeJob(record);
        jobs.apply(record);
    }
}
