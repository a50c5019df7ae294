package org.manta.ingest.kafka;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.kafka.KafkaClients;

/**
 * The live ingest-service instances: each instance is a static member ({@code group.instance.id} =
 * {@value #MEMBER_PREFIX}{@code <manta.kafka.instance-id>}) of the consumer group {@value #GROUP}, subscribed to
 * {@code manta.jobs} from its end (it only polls, to stay a member; the records are the job view's business).
 * A killed instance stays a member until its session times out ({@code manta.kafka.session-timeout-ms}); an
 * instance that comes back with its id takes its own place again. {@link #live} asks the broker for the
 * group's members.
 */
@ApplicationScoped
public class IngestInstances {
    /** The consumer group whose members are the live ingest instances. */
    public static final String GROUP = "manta-ingest";
    /** The prefix of a member's {@code group.instance.id} before its instance id. */
    public static final String MEMBER_PREFIX = "manta-ingest-";
    private static final Logger LOG = Logger.getLogger(IngestInstances.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration ASK = Duration.ofSeconds(10);

    @Inject
    KafkaConfig kafka;

    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private Admin admin;

    @PostConstruct
    void start() {
        admin = Admin.create(KafkaClients.adminConfig(kafka, MEMBER_PREFIX + kafka.instanceId() + "-admin"));
        running = true;
        thread = Thread.ofPlatform().name("manta-ingest-membership").daemon().start(this::stayMember);
    }

    @PreDestroy
    void stop() {
        running = false;
        KafkaClients.wakeAndJoin(consumer, thread);
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    /**
     * The instance ids of the group's members now.
     *
     * @throws RuntimeException when the broker does not answer
     */
    public Set<String> live() {
        try {
            Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(List.of(GROUP)).all()
                    .get(ASK.toMillis(), TimeUnit.MILLISECONDS);
            return groups.get(GROUP).members().stream().map(MemberDescription::groupInstanceId).flatMap(Optional::stream)
                    .filter(id -> id.startsWith(MEMBER_PREFIX)).map(id -> id.substring(MEMBER_PREFIX.length()))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking for the members of " + GROUP, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot see the members of consumer group " + GROUP + ": " + e, e);
        }
    }

    private void stayMember() {
        Map<String, Object> config = KafkaClients.consumerConfig(kafka, MEMBER_PREFIX + kafka.instanceId(), GROUP,
                Optional.of(MEMBER_PREFIX + kafka.instanceId()), List.of(Topics.JOBS_TOPIC));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        while (running) {
            try (KafkaConsumer<String, byte[]> c = KafkaClients.consumer(config)) {
                consumer = c;
                c.subscribe(List.of(Topics.JOBS));
                while (running) {
                    c.poll(POLL);
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("ingest membership (%s): %s; joining again in 1 s", GROUP, e.toString());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }
}
