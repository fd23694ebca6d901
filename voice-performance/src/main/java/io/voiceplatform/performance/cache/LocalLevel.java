package io.voiceplatform.performance.cache;

import java.util.Optional;

/** A result cache in this process's memory, by task fingerprint. */
interface LocalLevel<V> {
    Optional<V> get(String fingerprint);

    /** @return false when the result was not kept (it alone is over the byte budget) */
    boolean put(String fingerprint, V result);

    /** For health: entries, bytes, evictions. */
    java.util.Map<String, Object> describe();
}
