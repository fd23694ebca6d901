package io.voiceplatform.core.config;

import io.voiceplatform.api.plugin.ProviderSettings;
import io.voiceplatform.api.plugin.Secret;

import java.util.regex.Pattern;

/**
 * A setting's value as shown in {@code ./voice config} and in errors: credentials masked, the user and
 * password of a URI (e.g. {@code redis://:pw@host}) hidden, control characters replaced.
 */
final class DisplayValue {
    private static final Pattern URI_USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

    private DisplayValue() {
    }

    static String of(String key, String raw) {
        if (ProviderSettings.isSecretKey(key)) {
            return Secret.mask(raw);
        }
        return URI_USER_INFO.matcher(raw).replaceAll("****@").replaceAll("\\p{Cntrl}", "?");
    }
}
