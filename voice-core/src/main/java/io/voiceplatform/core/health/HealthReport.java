package io.voiceplatform.core.health;

import java.util.List;
import java.util.Map;

/**
 * The health of the service: overall, per provider, and the performance section.
 *
 * @param status      DOWN when an operation has no usable provider, DEGRADED when some provider is not UP
 * @param providers   one entry per provider and operation
 * @param performance {@code requested}, {@code installed}, {@code level}, and {@code stages}: what each pipeline stage reports
 */
public record HealthReport(HealthStatus status, List<ProviderHealth> providers, Map<String, Object> performance) {
    /** Ready to serve: at least one STT and one TTS provider usable, i.e. not DOWN. {@code /health/ready} says the same. */
    public boolean ready() {
        return status != HealthStatus.DOWN;
    }
}
