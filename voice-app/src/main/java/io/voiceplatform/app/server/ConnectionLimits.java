package io.voiceplatform.app.server;

import java.time.Duration;

/**
 * What one connection may cost the server, against clients that connect and then send slowly or not at all.
 *
 * @param headerTimeout         how long a connection with no request under way may take to send the next request's
 *                              headers; also the grace before a body's rate is checked
 * @param minBodyBytesPerSecond the least average rate of a request body once {@code headerTimeout} has passed since
 *                              its first byte was read; 0 does not check
 * @param maxPerClient          open connections per client address; 0 does not cap
 */
public record ConnectionLimits(Duration headerTimeout, long minBodyBytesPerSecond, int maxPerClient) {
}
