package io.voiceplatform.core.audio;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.PcmFormat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * What the platform converts for providers, which depend on voice-api only: uploads decoded into the PCM a provider
 * asks for, speech encoded into the format the caller asked for. The work runs on a pool of one thread per core,
 * never on the caller's thread or a provider's.
 */
public final class AudioConversion implements AutoCloseable {
    /** OpenAI's {@code pcm}: 24 kHz, 16-bit, mono, little-endian. */
    public static final PcmFormat SPEECH_PCM = PcmFormat.mono(24_000);

    private final AudioDecoder decoder = new AudioDecoder();
    private final AudioEncoder encoder = new AudioEncoder();
    private final PcmResampler resampler = new PcmResampler();
    private final ExecutorService workers;

    public AudioConversion() {
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), runnable -> {
            Thread thread = new Thread(runnable, "voice-audio-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The formats speech can be delivered in when a provider produces WAV or PCM. */
    public Set<AudioFormat> speechFormats() {
        Set<AudioFormat> formats = EnumSet.of(AudioFormat.WAV, AudioFormat.PCM);
        formats.addAll(AudioEncoder.formats());
        return formats;
    }

    /** How long a recording plays; reads the container only (raw PCM: from its size). */
    public Duration duration(Audio audio) {
        if (audio.format() == AudioFormat.PCM) {
            return Pcm.of(audio).duration();
        }
        return decoder.duration(audio.toByteArray());
    }

    /**
     * The recording as {@code container} ({@link AudioFormat#PCM} or {@link AudioFormat#WAV}) at {@code target}
     * (empty: its own rate and channels).
     */
    public CompletableFuture<Audio> decode(Audio audio, Optional<PcmFormat> target, AudioFormat container, BooleanSupplier cancelled) {
        return CompletableFuture.supplyAsync(() -> {
            Pcm pcm = audio.format() == AudioFormat.PCM
                    ? target.map(format -> resampler.resample(Pcm.of(audio), format)).orElseGet(() -> Pcm.of(audio))
                    : decoder.decode(audio.toByteArray(), target, cancelled);
            return pcm.toAudio(container);
        }, workers);
    }

    /** Speech made as WAV or raw PCM, delivered as {@code format}: raw PCM always as {@link #SPEECH_PCM}. */
    public CompletableFuture<Audio> encode(Audio speech, AudioFormat format) {
        return CompletableFuture.supplyAsync(() -> {
            Pcm pcm = speech.format() == AudioFormat.PCM ? Pcm.of(speech) : decoder.decode(speech.toByteArray(), Optional.empty(), () -> false);
            return switch (format) {
                case PCM -> resampler.resample(pcm, SPEECH_PCM).toAudio(AudioFormat.PCM);
                case WAV -> pcm.toAudio(AudioFormat.WAV);
                default -> Audio.of(encoder.encode(pcm, format), format);
            };
        }, workers);
    }

    /** Whether speech from a provider is raw PCM other than {@link #SPEECH_PCM}, and so needs {@link #encode}. */
    public static boolean needsResampling(Audio speech) {
        return speech.format() == AudioFormat.PCM && (speech.sampleRate().orElse(SPEECH_PCM.sampleRate()) != SPEECH_PCM.sampleRate()
                || speech.channels().orElse(1) != 1);
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
