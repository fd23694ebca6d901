package io.voiceplatform.core.config;

import com.typesafe.config.ConfigOrigin;

/** Where a value came from, in words a person acts on: {@code file /etc/voice.conf:12}, {@code environment X}. */
final class OriginDescription {
    static final String REFERENCE = "reference.conf";
    static final String SYSTEM_PROPERTY = "system property";

    private OriginDescription() {
    }

    static String of(ConfigOrigin origin) {
        String line = origin.lineNumber() > 0 ? ":" + origin.lineNumber() : "";
        if (isReference(origin)) {
            return "default (" + REFERENCE + ")";
        }
        if (origin.filename() != null) {
            return "file " + origin.filename() + line;
        }
        if (origin.resource() != null) {
            return "class path " + origin.resource() + line;
        }
        // Environment, .env and system-property values carry their full description already.
        return origin.description();
    }

    static boolean isReference(ConfigOrigin origin) {
        return REFERENCE.equals(origin.resource());
    }
}
