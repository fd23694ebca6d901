package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.Operation;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestInFlightAdmission {
    private final InFlightAdmission admission = new InFlightAdmission(1, Duration.ofMillis(10));

    @Test
    void transcriptionsFillingTheirSlotsNeverRefuseSpeech() {
        RequestContext held = context();
        admission.admit(Operation.STT, held);
        AtCapacityException refused = assertThrows(AtCapacityException.class, () -> admission.admit(Operation.STT, context()));
        assertTrue(refused.getMessage().contains("1 stt requests in flight"), refused.getMessage());
        RequestContext speech = context();
        assertDoesNotThrow(() -> admission.admit(Operation.TTS, speech));
        assertEquals(1, admission.describe().get("in-flight-stt"));
        assertEquals(1, admission.describe().get("in-flight-tts"));
        speech.close();
        held.close();
        assertDoesNotThrow(() -> admission.admit(Operation.STT, context()));
    }

    @Test
    void aSlotClosedTwiceIsGivenBackOnce() {
        RequestContext first = context();
        admission.admit(Operation.TTS, first);
        first.close();
        first.close();
        admission.admit(Operation.TTS, context());
        assertThrows(AtCapacityException.class, () -> admission.admit(Operation.TTS, context()));
    }

    private static RequestContext context() {
        return new RequestContext("test", "caller", Duration.ofSeconds(5));
    }
}
