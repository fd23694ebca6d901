package io.voiceplatform.api;

import java.util.Locale;
import java.util.regex.Pattern;

/** Language tags as the platform uses them: BCP 47 like {@code en-US}, or {@link #AUTO}. */
public final class Language {
    /** Let the provider detect the language. */
    public static final String AUTO = "auto";

    private static final Pattern TAG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    private Language() {
    }

    /** Normalizes a tag ({@code ru_ru} to {@code ru-RU}); null or blank means {@link #AUTO}. */
    public static String normalize(String tag) {
        if (tag == null || tag.isBlank() || tag.equalsIgnoreCase(AUTO)) {
            return AUTO;
        }
        String trimmed = tag.trim().replace('_', '-');
        if (!TAG.matcher(trimmed).matches()) {
            throw VoiceException.invalid("not a language tag: '" + printable(trimmed) + "'", "language");
        }
        return Locale.forLanguageTag(trimmed).toLanguageTag();
    }

    /** The primary subtag: {@code ru-RU} gives {@code ru}. */
    public static String primary(String tag) {
        int dash = tag.indexOf('-');
        return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
    }

    /** Whether a provider that offers {@code offered} can serve a request for {@code wanted}. */
    public static boolean matches(String offered, String wanted) {
        if (AUTO.equals(wanted) || offered.equalsIgnoreCase(wanted)) {
            return true;
        }
        // "en" offered serves "en-GB"; "en-US" offered serves a bare "en".
        return (offered.indexOf('-') < 0 || wanted.indexOf('-') < 0) && primary(offered).equals(primary(wanted));
    }

    static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
