package org.manta.mesh.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.manta.mesh.Topics;

/**
 * {@link KeyedTopicView#await(String, java.util.function.Predicate, Duration)} on a view that is not started (no
 * broker): values come from {@link KeyedTopicView#apply}, as a writer in the process applies its own records.
 * The fold keeps the larger value, so a value never goes back.
 */
class KeyedTopicViewTest {
    /** Long enough that only a missed wake-up (a listener never told) would use it up. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final KeyedTopicView<Integer> view = new KeyedTopicView<>(null, "test-view", Topics.JOBS_TOPIC,
            bytes -> bytes.length, Math::max);

    @Test
    void aValueThatAlreadySatisfiesIsReturnedAsItIs() {
        view.apply("job", 7);
        assertEquals(Optional.of(7), view.await("job", v -> v >= 5, PATIENCE));
    }

    @Test
    void aWaitIsWokenByTheValueThatSatisfiesNotByEarlierOnes() throws Exception {
        view.apply("job", 1);
        CompletableFuture<Optional<Integer>> waiting = CompletableFuture.supplyAsync(
                () -> view.await("job", v -> v >= 3, PATIENCE));
        view.apply("job", 2);           // still short of 3: the wait goes on
        view.apply("other", 9);         // another key: not this wait's business
        view.apply("job", 3);
        assertEquals(Optional.of(3), waiting.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void afterThePatienceTheValueAsItIsThen() {
        view.apply("job", 2);
        assertEquals(Optional.of(2), view.await("job", v -> v >= 3, Duration.ofMillis(20)));
        assertEquals(Optional.of(2), view.get("job"));
    }

    @Test
    void anUnknownKeyStaysEmpty() {
        assertTrue(view.await("nobody", v -> true, Duration.ofMillis(20)).isEmpty());
        assertTrue(view.await("nobody", Duration.ofMillis(20)).isEmpty());
    }
}
