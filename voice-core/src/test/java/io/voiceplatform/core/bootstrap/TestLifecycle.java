package io.voiceplatform.core.bootstrap;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TestLifecycle {
    @Test
    void stopsInReverseOrderOnceAndGoesOnPastAFailure() {
        List<String> stopped = new ArrayList<>();
        Lifecycle lifecycle = new Lifecycle();
        lifecycle.started("providers", () -> stopped.add("providers"));
        lifecycle.started("stt", () -> stopped.add("stt"));
        lifecycle.started("broken", () -> {
            throw new IllegalStateException("boom");
        });
        lifecycle.started("tts", () -> stopped.add("tts"));
        lifecycle.started("performance", () -> stopped.add("performance"));
        lifecycle.stop();
        lifecycle.stop();
        assertEquals(List.of("performance", "tts", "stt", "providers"), stopped);
        assertThrows(IllegalStateException.class, () -> lifecycle.started("late", () -> { }));
    }
}
