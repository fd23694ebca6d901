package io.voiceplatform.providers.azure;

import io.voiceplatform.api.Language;

import java.util.List;
import java.util.Optional;

/**
 * The locales short-audio recognition is asked for. Azure takes full locales only, so a bare language is
 * sent as the first listed locale of it ({@code ru} as {@code ru-RU}).
 */
record AzureLocales(List<String> locales) {
    AzureLocales {
        locales = List.copyOf(locales);
    }

    /** The locale to send for a platform tag; empty when none is listed for it. */
    Optional<String> localeFor(String tag) {
        return locales.stream().filter(locale -> locale.equalsIgnoreCase(tag)).findFirst()
                .or(() -> tag.indexOf('-') < 0
                        ? locales.stream().filter(locale -> Language.primary(locale).equals(Language.primary(tag))).findFirst()
                        : Optional.empty());
    }
}
