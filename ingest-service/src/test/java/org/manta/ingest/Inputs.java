package org.manta.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.jobs.JobView;
import org.manta.mesh.common.kafka.KafkaClients;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.proto.v1.JobInput;
import org.manta.proto.v1.JobRecord;

/** Reads the job inputs on {@code manta.inputs} back (tests). */
final class Inputs {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private Inputs() {
    }

    /**
     * Every {@code JobInput} of a job, once ingest has recorded that its input is sent (it publishes the
     * input before that record, so all of them are on the topic by then).
     */
    static List<JobInput> of(KafkaConfig kafka, JobView jobs, String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!jobs.get(jobId, Duration.ZERO).map(r -> r.getIngest().getInputSent()).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + jobId + ": no input sent within " + PATIENCE.toSeconds() + " s: "
                        + jobs.get(jobId, Duration.ZERO).map(JobRecord::toString).orElse("unknown"));
            }
            Thread.sleep(20);
        }
        return all(kafka).stream().filter(i -> i.getJobId().equals(jobId)).toList();
    }

    /** Every {@code JobInput} on {@code manta.inputs} now (read from the beginning to the end offsets), in offset order per partition. */
    static List<JobInput> all(KafkaConfig kafka) {
        List<JobInput> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = KafkaClients.consumer(KafkaClients.consumerConfig(kafka, "t", null,
                Optional.empty(), List.of(Topics.INPUTS_TOPIC)))) {
            List<TopicPartition> partitions = c.partitionsFor(Topics.INPUTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (partitions.stream().anyMatch(p -> c.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    JobInput input = RecordCodec.input(r.value());
                    if (!r.key().equals(input.getJobId())) {
                        throw new AssertionError("a JobInput keyed " + r.key() + " for job " + input.getJobId());
                    }
                    out.add(input);
                }
            }
        }
        return out;
    }
}
