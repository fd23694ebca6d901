package io.voiceplatform.tools.validate;

import io.voiceplatform.core.config.SettingsReader;
import io.voiceplatform.core.config.VoiceConfig;

/**
 * Whether {@code voice validate} may run, and whether it may drive load, from the configuration. The keys
 * belong to voice-performance; without that module on the class path they are absent and count as true.
 *
 * @param enabled            {@code voice.performance.validation.enabled} (VOICE_V2_PERFORMANCE_VALIDATION_ENABLED)
 * @param loadTestingEnabled {@code voice.performance.validation.load-testing-enabled} (VOICE_V2_LOAD_TESTING_ENABLED)
 */
record ValidationSwitches(boolean enabled, boolean loadTestingEnabled) {
    static final String ENABLED = "voice.performance.validation.enabled";
    static final String LOAD_TESTING = "voice.performance.validation.load-testing-enabled";

    static ValidationSwitches read(VoiceConfig config) {
        SettingsReader reader = new SettingsReader(config.config());
        return new ValidationSwitches(flag(config, reader, ENABLED), flag(config, reader, LOAD_TESTING));
    }

    private static boolean flag(VoiceConfig config, SettingsReader reader, String key) {
        return !config.config().hasPath(key) || reader.getBoolean(key);
    }
}
