package io.voiceplatform.providers.yandex;

import io.voiceplatform.providers.support.PcmAudio;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(10)
class TestYandexSttAudio {
    @Test
    void sixteenKilohertzMonoPassesThroughWithoutItsHeader() {
        Audio sent = YandexSttAudio.prepare(TestingYandex.wav());

        assertEquals(Audio.of(TestingYandex.pcm().toByteArray(), AudioFormat.PCM, 16_000, 1), sent);
        assertEquals(TestingYandex.pcm(), YandexSttAudio.prepare(TestingYandex.pcm()));
        assertEquals("format=lpcm&sampleRateHertz=16000", YandexSttAudio.formatQuery(sent));
    }

    @Test
    void otherRatesAndChannelsBecomeSixteenKilohertzMono() {
        Audio stereo44k = TestingYandex.pcm(44_100, 2, 44_100, frame -> (short) 300);
        Audio mono48k = PcmAudio.toWav(TestingYandex.pcm(48_000, 1, 48_000, frame -> (short) -700));

        Audio a = YandexSttAudio.prepare(stereo44k);
        Audio b = YandexSttAudio.prepare(mono48k);

        assertEquals(16_000 * 2, a.size(), "one second of 16-bit samples");
        assertEquals(16_000 * 2, b.size());
        assertEquals(300, ByteBuffer.wrap(a.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).getShort(1000));
        assertEquals(-700, ByteBuffer.wrap(b.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).getShort(1000));
    }

    @Test
    void aWavWithMoreChunksIsReadByItsDataChunk() {
        byte[] samples = TestingYandex.pcm().toByteArray();
        byte[] wav = TestingYandex.wav().toByteArray();
        byte[] list = "LIST\4\0\0\0INFO".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer withList = ByteBuffer.allocate(wav.length + list.length).order(ByteOrder.LITTLE_ENDIAN);
        withList.put(wav, 0, 36).put(list).put(wav, 36, wav.length - 36).putInt(4, withList.capacity() - 8);

        assertArrayEquals(samples, YandexSttAudio.prepare(Audio.of(withList.array(), AudioFormat.WAV)).toByteArray());
    }

    @Test
    void oggOpusIsSentAsItIs() {
        Audio ogg = Audio.of("OggS...".getBytes(StandardCharsets.US_ASCII), AudioFormat.OGG_OPUS);

        assertSame(ogg, YandexSttAudio.prepare(ogg));
        assertEquals("format=oggopus", YandexSttAudio.formatQuery(ogg));
    }

    @Test
    void aWavItCannotReadIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> YandexSttAudio.prepare(Audio.of(new byte[64], AudioFormat.WAV)));
    }
}
