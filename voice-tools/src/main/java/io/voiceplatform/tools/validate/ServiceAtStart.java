package io.voiceplatform.tools.validate;

import java.util.Map;

/**
 * What the service said before the load started.
 *
 * @param url         the base URL validated
 * @param reachable   whether {@code GET /health} got any HTTP answer
 * @param healthy     whether that answer was 200 with status UP
 * @param problem     what was wrong, when something was; else null
 * @param version     the service's version from {@code /health/details}, when it said
 * @param performance the {@code performance} section of {@code /health/details}, when it had one
 */
record ServiceAtStart(String url, boolean reachable, boolean healthy, String problem, String version,
                      Map<String, Object> performance) {
    static ServiceAtStart unreachable(String url, String problem) {
        return new ServiceAtStart(url, false, false, problem, null, null);
    }
}
