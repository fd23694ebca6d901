package io.voiceplatform.providers.local;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.api.plugin.ProviderSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class TestLocalProviderPlugin {
    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor();

    @AfterAll
    static void stop() {
        SCHEDULER.shutdownNow();
    }

    private static ProviderContext context(Map<String, String> settings) {
        return new ProviderContext(new ProviderSettings("voice.providers.local", settings), null, SCHEDULER);
    }

    private static ProviderPlugin plugin() {
        return ServiceLoader.load(ProviderPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals("local")).findFirst().orElseThrow();
    }

    @Test
    void isFoundByServiceLoaderAndCanBeSwitchedOff() {
        ProviderPlugin plugin = plugin();
        assertEquals(Optional.empty(), plugin.createStt(context(Map.of("enabled", "false"))));
        assertEquals(Optional.empty(), plugin.createTts(context(Map.of("enabled", "off"))));
    }

    @Test
    void speaksInEveryDeclaredFormatAndHonoursSpeed() {
        try (TtsProvider tts = plugin().createTts(context(Map.of())).orElseThrow()) {
            SpeechRequest request = SpeechRequest.of("hello world, this is a test", AudioFormat.WAV).withVoice("alloy");
            SynthesizedSpeech normal = tts.synthesize(request).toCompletableFuture().join();
            Pcm16 pcm = samples(normal.audio());
            assertEquals(16_000, pcm.sampleRate());
            assertTrue(pcm.seconds() > 1.0, "too short: " + pcm.seconds());
            long energy = 0;
            for (short s : pcm.samples()) {
                energy += Math.abs(s);
            }
            assertTrue(energy / pcm.samples().length > 100, "silence");
            SynthesizedSpeech fast = tts.synthesize(request.withSpeed(2.0)).toCompletableFuture().join();
            assertTrue(fast.duration().toMillis() < normal.duration().toMillis() * 0.8,
                    "speed 2 should be shorter: " + fast.duration() + " vs " + normal.duration());
            byte[] mp3 = tts.synthesize(request.withOutputFormat(AudioFormat.MP3)).toCompletableFuture().join().audio().toByteArray();
            assertTrue((mp3[0] & 0xFF) == 0xFF && (mp3[1] & 0xE0) == 0xE0 || new String(mp3, 0, 3).equals("ID3"), "not MP3");
            assertTrue(mp3.length < normal.audio().size() / 3, "MP3 should be much smaller than WAV");
            // pcm (OpenAI's 24 kHz), opus, aac and flac are the platform's to make from the WAV.
            assertEquals(java.util.Set.of(AudioFormat.WAV, AudioFormat.MP3), tts.capabilities().outputFormats());
            CompletionException refused = assertThrows(CompletionException.class,
                    () -> tts.synthesize(request.withVoice("nobody")).toCompletableFuture().join());
            assertInstanceOf(VoiceException.class, refused.getCause());
        }
    }

    @Test
    void transcribesWhatItSpeaks() {
        ProviderPlugin plugin = plugin();
        try (TtsProvider tts = plugin.createTts(context(Map.of())).orElseThrow();
             SttProvider grammar = plugin.createStt(context(Map.of("grammar", "hello world, open the door, one two three"))).orElseThrow();
             SttProvider free = plugin.createStt(context(Map.of())).orElseThrow()) {
            long t0 = System.nanoTime();
            Audio speech = pcm(samples(tts.synthesize(SpeechRequest.of("hello world", AudioFormat.WAV)).toCompletableFuture().join().audio()));
            long t1 = System.nanoTime();
            Transcript exact = grammar.transcribe(TranscriptionRequest.of(speech).withTimestampDetail(TimestampDetail.WORD))
                    .toCompletableFuture().join();
            long t2 = System.nanoTime();
            assertEquals("hello world", exact.text());
            assertEquals(2, exact.words().size());
            assertEquals(1, exact.segments().size());
            Transcript again = grammar.transcribe(TranscriptionRequest.of(speech)).toCompletableFuture().join();
            long t3 = System.nanoTime();
            assertEquals("hello world", again.text());
            Audio weather = pcm(samples(tts.synthesize(SpeechRequest.of("what is the weather like today", AudioFormat.WAV))
                    .toCompletableFuture().join().audio()));
            long t4 = System.nanoTime();
            Transcript dictated = free.transcribe(TranscriptionRequest.of(weather)).toCompletableFuture().join();
            long t5 = System.nanoTime();
            System.out.printf("local provider: speak %d ms; grammar transcribe (with model load) %d ms, again %d ms; "
                            + "free dictation (with model load) %d ms: '%s'; heap used %d MB%n",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t5 - t4) / 1_000_000, dictated.text(),
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
            assertTrue(dictated.text().contains("weather"), "free dictation lost the key word: " + dictated.text());
        }
    }

    @Test
    void refusesOtherLanguages() {
        try (SttProvider stt = plugin().createStt(context(Map.of())).orElseThrow()) {
            Audio audio = pcm(new Pcm16(new short[1600], 16_000));
            CompletionException e = assertThrows(CompletionException.class,
                    () -> stt.transcribe(TranscriptionRequest.of(audio).withLanguage("ru-RU")).toCompletableFuture().join());
            assertEquals(io.voiceplatform.api.ErrorKind.UNSUPPORTED, ((VoiceException) e.getCause()).kind());
        }
    }

    /** The platform decodes every other format into what the provider declares; it refuses anything else. */
    @Test
    void takesOnlySixteenKiloHertzMonoPcm() {
        try (SttProvider stt = plugin().createStt(context(Map.of())).orElseThrow()) {
            assertEquals(java.util.Set.of(AudioFormat.PCM), stt.capabilities().inputFormats());
            assertEquals(Optional.of(io.voiceplatform.api.PcmFormat.mono(16_000)), stt.capabilities().pcmInput());
            assertTrue(stt.capabilities().realTimeFactor() > 0);
            Audio eightK = Audio.of(new byte[1600], AudioFormat.PCM, 8_000, 1);
            CompletionException e = assertThrows(CompletionException.class,
                    () -> stt.transcribe(TranscriptionRequest.of(eightK)).toCompletableFuture().join());
            assertEquals(io.voiceplatform.api.ErrorKind.UNSUPPORTED, ((VoiceException) e.getCause()).kind());
        }
    }

    /**
     * Ten "hello world"s three seconds apart: cut into pieces recognized in parallel, joined in order, each word
     * timed from the start of the whole recording.
     */
    @Test
    void aLongRecordingIsCutAtPausesAndTimedFromItsStart() {
        ProviderPlugin plugin = plugin();
        try (TtsProvider tts = plugin.createTts(context(Map.of())).orElseThrow();
             SttProvider stt = plugin.createStt(context(Map.of("grammar", "hello world, open the door"))).orElseThrow()) {
            Pcm16 hello = samples(tts.synthesize(SpeechRequest.of("hello world", AudioFormat.WAV)).toCompletableFuture().join().audio());
            int every = 3 * 16_000;
            short[] samples = new short[10 * every];
            for (int i = 0; i < 10; i++) {
                System.arraycopy(hello.samples(), 0, samples, i * every, Math.min(every, hello.samples().length));
            }
            Pcm16 recording = new Pcm16(samples, 16_000);
            assertTrue(new SpeechPieces(10, 20).split(recording).size() >= 2, "not cut");
            Transcript transcript = stt.transcribe(TranscriptionRequest.of(pcm(recording)).withTimestampDetail(TimestampDetail.WORD))
                    .toCompletableFuture().join();
            assertEquals(String.join(" ", java.util.Collections.nCopies(10, "hello world")), transcript.text());
            for (int i = 0; i < 10; i++) {
                double start = transcript.words().get(2 * i).start();
                assertEquals(i * 3.0, start, 0.6, "word " + 2 * i + " starts at " + start);
            }
            assertEquals(30_000, transcript.duration().toMillis());
        }
    }

    /** Samples of the provider's own WAV (a 44-byte header, 16-bit mono). */
    private static Pcm16 samples(Audio wav) {
        byte[] bytes = wav.toByteArray();
        return Pcm16.fromLittleEndian(java.util.Arrays.copyOfRange(bytes, 44, bytes.length), wav.sampleRate().orElseThrow());
    }

    private static Audio pcm(Pcm16 samples) {
        return Audio.of(samples.toLittleEndian(), AudioFormat.PCM, samples.sampleRate(), 1);
    }
}
