package io.voiceplatform.performance.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.SynthesizedSpeech;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Synthesized speech by task fingerprint, bounded by entries AND bytes. Each entry weighs its stored bytes,
 * but at least budget / max entries, so one weight limit keeps both bounds; maintenance runs on the calling
 * thread, so the byte budget holds after every write. Uncompressed audio (WAV, PCM) may be kept deflated.
 */
final class SpeechCache implements LocalLevel<SynthesizedSpeech> {
    private final Cache<String, Stored> cache;
    private final boolean compress;
    private final long maxBytes;

    SpeechCache(int maxEntries, long maxBytes, Duration ttl, boolean compress, Ticker ticker) {
        long floor = Math.max(1, maxBytes / maxEntries);
        this.compress = compress;
        this.maxBytes = maxBytes;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, Stored value) -> (int) Math.min(Integer.MAX_VALUE, Math.max(floor, value.weight())))
                .expireAfterWrite(ttl)
                .executor(Runnable::run)
                .ticker(ticker)
                .recordStats()
                .build();
    }

    @Override
    public Optional<SynthesizedSpeech> get(String key) {
        return Optional.ofNullable(cache.getIfPresent(key)).map(Stored::restore);
    }

    /** @return false when the entry alone is over the byte budget, so the cache drops it at once */
    @Override
    public boolean put(String key, SynthesizedSpeech speech) {
        Stored stored = Stored.of(speech, compress);
        if (stored.weight() > maxBytes) {
            return false;
        }
        cache.put(key, stored);
        return true;
    }

    long bytes() {
        return cache.asMap().values().stream().mapToLong(Stored::weight).sum();
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("entries", entries(), "bytes", bytes(), "evictions", evictions());
    }

    long entries() {
        return cache.estimatedSize();
    }

    long evictions() {
        return cache.stats().evictionCount();
    }

    long weightedSize() {
        return cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    /** What the cache holds for one answer: the audio bytes, deflated when that pays. */
    record Stored(byte[] bytes, boolean deflated, int rawLength, AudioFormat format, int sampleRate, int channels,
                  Duration duration, String provider) {
        long weight() {
            return bytes.length + 64L;
        }

        static Stored of(SynthesizedSpeech speech, boolean compress) {
            Audio audio = speech.audio();
            byte[] raw = audio.toByteArray();
            boolean uncompressed = audio.format() == AudioFormat.WAV || audio.format() == AudioFormat.PCM;
            byte[] deflated = compress && uncompressed ? deflate(raw) : null;
            boolean useDeflated = deflated != null && deflated.length < raw.length;
            return new Stored(useDeflated ? deflated : raw, useDeflated, raw.length, audio.format(),
                    audio.sampleRate().orElse(0), audio.channels().orElse(0), speech.duration(), speech.provider());
        }

        SynthesizedSpeech restore() {
            byte[] raw = deflated ? inflate(bytes, rawLength) : bytes;
            return new SynthesizedSpeech(Audio.of(raw, format, sampleRate, channels), duration, provider);
        }

        private static byte[] deflate(byte[] raw) {
            Deflater deflater = new Deflater(Deflater.BEST_SPEED);
            try {
                deflater.setInput(raw);
                deflater.finish();
                ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2);
                byte[] buffer = new byte[64 * 1024];
                while (!deflater.finished()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
                return out.toByteArray();
            } finally {
                deflater.end();
            }
        }

        private static byte[] inflate(byte[] deflated, int rawLength) {
            Inflater inflater = new Inflater();
            try {
                inflater.setInput(deflated);
                byte[] raw = new byte[rawLength];
                int n = 0;
                while (n < rawLength && !inflater.finished()) {
                    n += inflater.inflate(raw, n, rawLength - n);
                }
                return raw;
            } catch (DataFormatException e) {
                throw new IllegalStateException("a cached entry is corrupt", e);
            } finally {
                inflater.end();
            }
        }
    }
}
