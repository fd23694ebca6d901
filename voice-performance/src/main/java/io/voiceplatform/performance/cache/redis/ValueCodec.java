package io.voiceplatform.performance.cache.redis;

import java.util.Optional;

/**
 * How one kind of result is stored in the shared level. Values written by another version of the platform, or
 * damaged, decode to empty: for the caller that is a miss, never an error.
 */
public interface ValueCodec<V> {
    byte[] encode(V value);

    Optional<V> decode(byte[] value);
}
