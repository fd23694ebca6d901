package io.voiceplatform.performance.cache.redis;

/**
 * What the shared level said about one key.
 *
 * @param value    the stored bytes; null for none
 * @param answered false when Redis gave no answer (down, slow, not yet connected)
 */
record Lookup(byte[] value, boolean answered) {
    static final Lookup UNANSWERED = new Lookup(null, false);
    static final Lookup MISS = new Lookup(null, true);

    static Lookup hit(byte[] value) {
        return new Lookup(value, true);
    }
}
