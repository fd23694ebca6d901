package io.voiceplatform.performance.streaming;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SpeechStream;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Long texts for providers that cannot stream: split, bounded concurrency, in order, first audio early. */
@Timeout(20)
class TestSentenceStreaming {
    private static final String LONG = "This is sentence number one of the text. ".repeat(5)
            + "Here the second part starts and goes on. ".repeat(5) + "And the third part closes the text for good. ".repeat(5);

    /** A provider whose calls the test completes by hand; the audio of a piece is its text. */
    private static final class HandProvider implements TtsProvider {
        final List<SpeechRequest> requests = new ArrayList<>();
        final List<CompletableFuture<SynthesizedSpeech>> calls = new ArrayList<>();
        final AtomicInteger mostRunning = new AtomicInteger();
        final boolean streams;

        HandProvider(boolean streams) {
            this.streams = streams;
        }

        @Override
        public synchronized CompletionStage<SynthesizedSpeech> synthesize(SpeechRequest request) {
            requests.add(request);
            CompletableFuture<SynthesizedSpeech> call = new CompletableFuture<>();
            calls.add(call);
            mostRunning.accumulateAndGet((int) calls.stream().filter(c -> !c.isDone()).count(), Math::max);
            return call;
        }

        @Override
        public CompletionStage<SpeechStream> synthesizeStream(SpeechRequest request) {
            return CompletableFuture.completedFuture(new SpeechStream(request.outputFormat(),
                    new ByteArrayInputStream("own stream".getBytes(StandardCharsets.UTF_8)), id()));
        }

        synchronized CompletableFuture<SynthesizedSpeech> call(int i) {
            return calls.get(i);
        }

        synchronized int count() {
            return calls.size();
        }

        void answer(int i) {
            SpeechRequest r;
            synchronized (this) {
                r = requests.get(i);
            }
            call(i).complete(new SynthesizedSpeech(Audio.of(r.text().getBytes(StandardCharsets.UTF_8), r.outputFormat()), Duration.ZERO, id()));
        }

        @Override
        public String id() {
            return "hand";
        }

        @Override
        public ProviderCapabilities capabilities() {
            return ProviderCapabilities.builder().outputFormats(AudioFormat.MP3, AudioFormat.WAV, AudioFormat.FLAC)
                    .maxTextChars(5000).streaming(streams).build();
        }

        @Override
        public void close() {
        }
    }

    private final SentenceStreaming streaming = new SentenceStreaming(100, 3);

    @Test
    void theFirstPieceIsOutBeforeTheRestAndAllComeInTextOrder() throws Exception {
        HandProvider provider = new HandProvider(false);
        CompletableFuture<SpeechStream> stream = streaming.stream(provider, SpeechRequest.of(LONG, AudioFormat.MP3)).toCompletableFuture();
        assertEquals(3, provider.count(), "three pieces start at once, the rest wait");
        assertFalse(stream.isDone());

        provider.answer(2); // out of order: the third piece is ready first
        assertFalse(stream.isDone(), "the stream starts with the first piece");
        provider.answer(0);
        assertTrue(stream.isDone(), "the first piece is enough to start");
        CompletableFuture<byte[]> all = CompletableFuture.supplyAsync(() -> readAll(stream.join().audio()));
        for (int i = 1; i < provider.requests.size() || provider.count() < pieces(); i++) {
            waitForCalls(provider, i + 1);
            if (!provider.call(i).isDone()) {
                provider.answer(i);
            }
        }
        assertEquals(LONG, new String(all.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        assertTrue(provider.mostRunning.get() <= 3, "at most three pieces at once: " + provider.mostRunning.get());
        assertEquals(pieces(), provider.count());
    }

    @Test
    void wavPiecesShareOneStreamingHeader() throws Exception {
        HandProvider provider = new HandProvider(false);
        CompletableFuture<SpeechStream> stream = streaming.stream(provider, SpeechRequest.of(LONG, AudioFormat.WAV)).toCompletableFuture();
        CompletableFuture<byte[]> all = new CompletableFuture<>();
        for (int i = 0; i < pieces(); i++) {
            waitForCalls(provider, i + 1);
            provider.call(i).complete(new SynthesizedSpeech(wav(new byte[]{(byte) i, (byte) i}), Duration.ZERO, "hand"));
            if (i == 0) {
                CompletableFuture.runAsync(() -> all.complete(readAll(stream.join().audio())));
            }
        }
        byte[] out = all.get(5, TimeUnit.SECONDS);
        assertEquals(44 + 2 * pieces(), out.length, "one header, then every piece's samples");
        ByteBuffer header = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(PieceAudio.STREAMING_SIZE, header.getInt(40), "data size is a streaming placeholder");
        assertEquals(PieceAudio.STREAMING_SIZE + 36, header.getInt(4));
        for (int i = 0; i < pieces(); i++) {
            assertEquals(i, out[44 + 2 * i]);
        }
    }

    @Test
    void aFailedFirstPieceFailsTheStageSoTheCallerCanFallBack() {
        HandProvider provider = new HandProvider(false);
        CompletableFuture<SpeechStream> stream = streaming.stream(provider, SpeechRequest.of(LONG, AudioFormat.MP3)).toCompletableFuture();
        provider.call(0).completeExceptionally(VoiceException.of(ErrorKind.UNAVAILABLE, "hand", "down", null));
        ExecutionException e = assertThrows(ExecutionException.class, () -> stream.get(1, TimeUnit.SECONDS));
        assertInstanceOf(VoiceException.class, e.getCause());
        assertTrue(provider.call(1).isCancelled(), "the other pieces are abandoned");
    }

    @Test
    void aLaterFailureEndsTheStreamWithAnIoErrorAndClosingCancelsTheRest() throws Exception {
        HandProvider provider = new HandProvider(false);
        CompletableFuture<SpeechStream> stream = streaming.stream(provider, SpeechRequest.of(LONG, AudioFormat.MP3)).toCompletableFuture();
        provider.answer(0);
        provider.call(1).completeExceptionally(VoiceException.of(ErrorKind.TIMEOUT, "hand", "slow", null));
        InputStream audio = stream.join().audio();
        IOException e = assertThrows(IOException.class, () -> audio.readAllBytes());
        assertTrue(e.getMessage().contains("piece 2"), e.getMessage());
        assertTrue(provider.call(2).isCancelled());
    }

    @Test
    void providersThatStreamAndShortTextsAndUnjoinableFormatsAreNotSplit() throws Exception {
        HandProvider streams = new HandProvider(true);
        assertEquals("own stream", new String(streaming.stream(streams, SpeechRequest.of(LONG, AudioFormat.MP3))
                .toCompletableFuture().get().audio().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, streams.count());

        HandProvider plain = new HandProvider(false);
        streaming.stream(plain, SpeechRequest.of("A short text.", AudioFormat.MP3));
        streaming.stream(plain, SpeechRequest.of(LONG, AudioFormat.FLAC));
        assertEquals(0, plain.count(), "both went to the provider's own whole synthesis");
    }

    private int pieces() {
        return new SentenceSplitter(100).split(LONG, java.util.Locale.ROOT).size();
    }

    private static void waitForCalls(HandProvider provider, int calls) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (provider.count() < calls && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(provider.count() >= calls, "piece " + calls + " never started");
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Audio wav(byte[] pcm) {
        ByteBuffer b = ByteBuffer.allocate(44 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + pcm.length).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(16_000).putInt(32_000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.length).put(pcm);
        return Audio.of(b.array(), AudioFormat.WAV, 16_000, 1);
    }
}
