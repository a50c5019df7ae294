package org.manta.mesh.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.manta.mesh.Topics;

/**
 * {@link KeyedTopicView#await(String, java.util.function.Predicate, Duration)} on a view that is not started (no
 * broker): values come from {@link KeyedTopicView#apply}, as a writer in the process applies its own records.
 * The fold keeps the larger value, so a value never goes back. Records of the topic come through
 * {@link KeyedTopicView#accept} (a value of n bytes decodes to n), as the reader hands them over.
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

    @Test
    void aTombstoneMakesTheKeyUnknownAsIfItNeverExistedAndALaterRecordStartsItAfresh() {
        view.accept("job", new byte[7]);
        view.accept("other", new byte[4]);
        assertEquals(Optional.of(7), view.get("job"));
        view.accept("job", null);        // reduce-service's job-record retention removed it
        assertTrue(view.get("job").isEmpty(), "a removed key is unknown");
        assertTrue(view.get("job", Duration.ofMillis(20)).isEmpty());
        assertTrue(view.await("job", Duration.ofMillis(20)).isEmpty(), "an await of a removed key answers empty, as for an unknown one");
        assertEquals(List.of(4), view.values(), "only the other key is left");
        view.accept("job", new byte[2]);
        assertEquals(Optional.of(2), view.get("job"), "not folded with the removed value (7): started afresh");
    }

    @Test
    void aListenerOfARemovedKeyIsNotCalledWithNothing() throws Exception {
        List<Integer> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        view.watchAll(heard::add);
        try (AutoCloseable watch = view.watch("job", heard::add)) {
            view.accept("job", new byte[3]);
            view.accept("job", null);
        }
        assertEquals(List.of(3, 3), heard, "both listeners heard the value, neither a null for the tombstone");
    }

    @Test
    void aPassOverTheTopicAgainDropsTheKeysItNoLongerHasButNotThoseReadSinceOrJustWrittenHere() {
        view.accept("tombstoned", new byte[5]);      // its tombstone will be missed
        view.accept("kept", new byte[6]);
        view.apply("written-here", 2);              // this process's own record, not read back yet
        long now = System.nanoTime();
        view.passEnded(new CompactedTopicReader.Pass(1, now, java.util.Set.of()));
        assertEquals(3, view.values().size(), "the first read drops nothing: nothing came from the topic before it");

        view.passEnded(new CompactedTopicReader.Pass(2, now, java.util.Set.of("kept")));
        assertTrue(view.get("tombstoned").isEmpty(), "read before the pass, not on the topic any more: dropped");
        assertEquals(Optional.of(6), view.get("kept"));
        assertEquals(Optional.of(2), view.get("written-here"), "written here just before the pass: its record may come later");

        view.accept("read-during", new byte[1]);
        long later = System.nanoTime() + KeyedTopicView.LOCAL_WRITE_GRACE.toNanos() + 1_000_000_000L;
        view.passEnded(new CompactedTopicReader.Pass(3, later, java.util.Set.of("kept")));
        assertTrue(view.get("written-here").isEmpty(), "written here longer than a delivery timeout before: dropped");
        assertTrue(view.get("read-during").isEmpty());
        view.accept("read-during", new byte[1]);
        view.passEnded(new CompactedTopicReader.Pass(4, now, java.util.Set.of("kept")));
        assertEquals(Optional.of(1), view.get("read-during"), "read after the pass began: kept");
    }
}
