package io.voiceplatform.providers.elevenlabs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class TestElevenLabsVoices {
    private final ElevenLabsVoices voices = ElevenLabsVoices.parse("voices", List.of("george=JBFqnCBsd6RMkjVDRZzb", "Alloy=21m00Tcm4TlvDq8ikWAM"));

    @Test
    void mapsConfiguredNamesInAnyCase() {
        assertEquals(Optional.of("JBFqnCBsd6RMkjVDRZzb"), voices.idOf("George"));
        assertEquals(Optional.of("21m00Tcm4TlvDq8ikWAM"), voices.idOf(" alloy "));
        assertEquals(List.of("george", "alloy"), voices.names());
    }

    @Test
    void takesAnyWellFormedVoiceIdAndNothingElse() {
        assertEquals(Optional.of("pNInz6obpgDQGcFmaJgB"), voices.idOf("pNInz6obpgDQGcFmaJgB"));
        assertEquals(Optional.empty(), voices.idOf("kevin16"));
        assertEquals(Optional.empty(), voices.idOf("pNInz6obpgDQGcFmaJg/"));
        assertEquals(Optional.empty(), voices.idOf("../../v1/user"));
    }
}
