package io.voiceplatform.app.openai;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The failed-authentication bucket per client address, on a clock the test moves. */
class TestFailedAuthThrottle {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final FailedAuthThrottle throttle = new FailedAuthThrottle(new FailedAuthLimit(20, 2), now::get);

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void anAddressIsRefusedAfterItsBurstAndOthersAreNot() {
        for (int i = 0; i < 20; i++) {
            assertEquals(Optional.empty(), throttle.waitFor("10.0.0.1"), "failure " + i + " is within the burst");
            throttle.failed("10.0.0.1");
        }
        Optional<Duration> wait = throttle.waitFor("10.0.0.1");
        assertTrue(wait.isPresent(), "the 21st is refused");
        assertEquals(Duration.ofMillis(500), wait.get(), "one more failure refills in half a second at 2 a second");
        assertEquals(Optional.empty(), throttle.waitFor("10.0.0.2"));
    }

    @Test
    void theAllowanceRefillsAtItsRateAndNoFaster() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("10.0.0.1");
        }
        advance(Duration.ofMillis(499));
        assertTrue(throttle.waitFor("10.0.0.1").isPresent());
        advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), throttle.waitFor("10.0.0.1"), "one failure allowed again");
        throttle.failed("10.0.0.1");
        assertTrue(throttle.waitFor("10.0.0.1").isPresent(), "and only one");
    }

    @Test
    void anAddressLeftAloneGetsItsWholeBurstBack() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("10.0.0.1");
        }
        advance(Duration.ofSeconds(11));
        for (int i = 0; i < 20; i++) {
            assertEquals(Optional.empty(), throttle.waitFor("10.0.0.1"), "failure " + i);
            throttle.failed("10.0.0.1");
        }
        assertTrue(throttle.waitFor("10.0.0.1").isPresent());
    }
}
