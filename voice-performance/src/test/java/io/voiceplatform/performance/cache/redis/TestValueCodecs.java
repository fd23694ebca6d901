package io.voiceplatform.performance.cache.redis;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TimedText;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.plugin.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every field survives the trip through the shared level; anything damaged, forged or foreign reads as a miss.
 * What is stored is the codec's value sealed with the replicas' MAC.
 */
@Timeout(30)
class TestValueCodecs {
    private static final String KEY = "voice:stt:0123";
    private final TranscriptCodec transcripts = new TranscriptCodec();
    private final SpeechCodec speech = new SpeechCodec();
    private final SealedValues seals = new SealedValues(Secret.of("a-secret-shared-by-every-replica-0123456789"));

    private Optional<Transcript> stored(String key, byte[] sealed) {
        return seals.open(key, sealed).flatMap(transcripts::decode);
    }

    private static Transcript fullTranscript() {
        return new Transcript("Привет, мир — hello 👋\nsecond line", "ru-RU", OptionalDouble.of(0.875), Duration.ofSeconds(12, 345_678_901),
                List.of(new TimedText(0, 1.5, "Привет, мир"), new TimedText(1.5, 12.345, "hello 👋")),
                List.of(new TimedText(0, 0.7, "Привет"), new TimedText(0.7, 1.5, "мир"), new TimedText(1.5, 2.25, "hello")),
                "deepgram", "nova-2");
    }

    @Test
    void aTranscriptComesBackWithEveryField() {
        Transcript full = fullTranscript();
        assertEquals(Optional.of(full), transcripts.decode(transcripts.encode(full)));

        Transcript bare = new Transcript("", null, null, null, null, null, "p", null);
        assertEquals(Optional.of(bare), transcripts.decode(transcripts.encode(bare)), "no confidence, no timings, empty model");
        assertEquals(OptionalDouble.empty(), transcripts.decode(transcripts.encode(bare)).orElseThrow().confidence());
        Transcript zero = new Transcript("t", "en", OptionalDouble.of(0), Duration.ZERO, List.of(), List.of(), "p", "m");
        assertEquals(OptionalDouble.of(0), transcripts.decode(transcripts.encode(zero)).orElseThrow().confidence(),
                "a confidence of 0 is not a missing confidence");
    }

    @Test
    void speechComesBackWithEveryFieldInEveryFormat() {
        Random random = new Random(7);
        for (AudioFormat format : AudioFormat.values()) {
            byte[] bytes = new byte[1000 + format.ordinal()];
            random.nextBytes(bytes);
            int sampleRate = format == AudioFormat.PCM || format == AudioFormat.WAV ? 24_000 : 0;
            int channels = sampleRate == 0 ? 0 : 2;
            SynthesizedSpeech original = new SynthesizedSpeech(Audio.of(bytes, format, sampleRate, channels),
                    Duration.ofMillis(2_345).plusNanos(17), "elevenlabs");
            SynthesizedSpeech back = speech.decode(speech.encode(original)).orElseThrow();
            assertEquals(original.audio(), back.audio(), format + ": bytes, format, sample rate and channels");
            assertEquals(original.duration(), back.duration());
            assertEquals(original.provider(), back.provider());
        }
        SynthesizedSpeech empty = new SynthesizedSpeech(Audio.of(new byte[0], AudioFormat.MP3), null, "p");
        assertEquals(Optional.of(empty), speech.decode(speech.encode(empty)));
    }

    @Test
    void everyTruncationAndEveryFlippedByteOfAStoredValueIsAMiss() {
        byte[] transcript = seals.seal(KEY, transcripts.encode(fullTranscript()));
        assertEquals(Optional.of(fullTranscript()), stored(KEY, transcript));
        for (int length = 0; length < transcript.length; length++) {
            assertEquals(Optional.empty(), stored(KEY, Arrays.copyOf(transcript, length)), "truncated to " + length);
        }
        for (int i = 0; i < transcript.length; i++) {
            byte[] flipped = transcript.clone();
            flipped[i] ^= 0x10;
            assertEquals(Optional.empty(), stored(KEY, flipped), "byte " + i + " flipped");
        }
        assertEquals(Optional.empty(), stored(KEY, Arrays.copyOf(transcript, transcript.length + 1)), "a byte appended");
    }

    @Test
    void anEntryWrittenWithoutTheSecretOrCopiedFromAnotherKeyIsAMiss() {
        Transcript forged = new Transcript("forged", "en", null, null, null, null, "attacker", null);
        byte[] withOtherSecret = new SealedValues(Secret.of("not-the-replicas-secret-but-just-as-long-000")).seal(KEY,
                transcripts.encode(forged));
        assertEquals(Optional.empty(), stored(KEY, withOtherSecret), "a forger without the secret");
        byte[] genuine = seals.seal("voice:stt:other", transcripts.encode(forged));
        assertEquals(Optional.of(forged), stored("voice:stt:other", genuine));
        assertEquals(Optional.empty(), stored(KEY, genuine), "a genuine entry moved to another key");
        assertEquals(Optional.empty(), stored(KEY, transcripts.encode(forged)), "an entry with no MAC at all");
    }

    @Test
    void anotherKindOrFormatVersionIsAMiss() {
        byte[] transcript = transcripts.encode(fullTranscript());
        byte[] audio = speech.encode(new SynthesizedSpeech(Audio.of(new byte[]{1}, AudioFormat.MP3), Duration.ZERO, "p"));
        assertEquals(Optional.empty(), speech.decode(transcript), "a transcript is not speech");
        assertEquals(Optional.empty(), transcripts.decode(audio), "speech is not a transcript");
        assertEquals(Optional.empty(), transcripts.decode(withVersion(transcript, (byte) 1)), "the version with a CRC instead of a MAC");
        assertEquals(Optional.empty(), transcripts.decode(withVersion(transcript, (byte) 3)), "a later version");
    }

    @Test
    void aValueThatLiesAboutItsLengthsIsAMissNotAnOutOfMemoryError() {
        // A value (as it would be once its MAC checked out) whose first string claims 2 GB.
        ValueOutput out = new ValueOutput((byte) 'T', (byte) 2, 16).int32(Integer.MAX_VALUE);
        assertEquals(Optional.empty(), transcripts.decode(out.toByteArray()));
        ValueOutput negative = new ValueOutput((byte) 'S', (byte) 2, 16).int32(-5);
        assertEquals(Optional.empty(), speech.decode(negative.toByteArray()));
        ValueOutput badTiming = new ValueOutput((byte) 'T', (byte) 2, 64).string("t").string("en").bool(false).float64(0)
                .duration(Duration.ZERO).int32(1).float64(2).float64(1).string("end before start");
        assertEquals(Optional.empty(), transcripts.decode(badTiming.toByteArray()), "a value the API types reject");
        ValueOutput badFormat = new ValueOutput((byte) 'S', (byte) 2, 64).string("mp9").int32(0).int32(0)
                .duration(Duration.ZERO).string("p").bytes(new byte[1]);
        assertEquals(Optional.empty(), speech.decode(badFormat.toByteArray()), "an unknown audio format");
    }

    @Test
    void randomBytesAreAMiss() {
        Random random = new Random(11);
        for (int i = 0; i < 1000; i++) {
            byte[] garbage = new byte[random.nextInt(200)];
            random.nextBytes(garbage);
            assertEquals(Optional.empty(), stored(KEY, garbage));
            assertEquals(Optional.empty(), seals.open(KEY, garbage).flatMap(speech::decode));
        }
    }

    @Test
    void theEncodingIsCompact() {
        byte[] audio = new byte[100_000];
        byte[] encoded = speech.encode(new SynthesizedSpeech(Audio.of(audio, AudioFormat.MP3), Duration.ofSeconds(3), "openai"));
        byte[] sealed = seals.seal(KEY, encoded);
        assertEquals(true, sealed.length < audio.length + 96, "overhead of " + (sealed.length - audio.length) + " bytes");
        byte[] tail = Arrays.copyOfRange(encoded, encoded.length - audio.length, encoded.length);
        assertArrayEquals(audio, tail, "the audio is stored as it is");
    }

    /** The same value with another version byte: only the version is wrong. */
    private static byte[] withVersion(byte[] value, byte version) {
        byte[] changed = value.clone();
        changed[1] = version;
        return changed;
    }
}
