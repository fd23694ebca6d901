package io.voiceplatform.providers.azure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class TestOggOpusDuration {
    @Test
    void countsTheLastGranuleLessThePreSkip() {
        assertEquals(Optional.of(Duration.ofMillis(2500)), OggOpusDuration.of(TestingAzure.oggOpus(2.5, 312).asByteBuffer()));
        assertEquals(Optional.of(Duration.ofSeconds(61)), OggOpusDuration.of(TestingAzure.oggOpus(61, 3840).asByteBuffer()));
    }

    @Test
    void readsNothingFromOtherBytes() {
        assertEquals(Optional.empty(), OggOpusDuration.of(TestingAzure.wav().asByteBuffer()));
        assertEquals(Optional.empty(), OggOpusDuration.of(ByteBuffer.wrap(new byte[]{'O', 'g', 'g', 'S'})));
        byte[] vorbis = TestingAzure.oggOpus(1, 0).toByteArray();
        vorbis[28] = 'V';
        assertEquals(Optional.empty(), OggOpusDuration.of(ByteBuffer.wrap(vorbis)));
    }
}
