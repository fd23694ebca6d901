package io.voiceplatform.providers.azure;

import java.util.Locale;

/**
 * The SSML body of a synthesis request
 * (https://learn.microsoft.com/azure/ai-services/speech-service/speech-synthesis-markup): one voice, its
 * locale, and the speaking rate as a relative change.
 */
final class AzureSsml {
    /** Azure speaks at 0.5 to 2 times the normal rate. */
    static final double MIN_SPEED = 0.5;
    static final double MAX_SPEED = 2.0;

    private AzureSsml() {
    }

    static String of(String text, AzureVoice voice, double speed) {
        return "<speak version='1.0' xml:lang='" + escape(voice.locale()) + "'>"
                + "<voice name='" + escape(voice.name()) + "'>"
                + "<prosody rate='" + rate(speed) + "'>" + escape(text) + "</prosody>"
                + "</voice></speak>";
    }

    /** 1.5 as {@code +50.00%}, 0.75 as {@code -25.00%}. */
    static String rate(double speed) {
        return String.format(Locale.ROOT, "%+.2f%%", (speed - 1) * 100);
    }

    /**
     * Text as XML character data and attribute values: markup characters escaped, and characters XML 1.0
     * forbids (control characters other than tab and line breaks) dropped, since the service would refuse the
     * whole document for them.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (allowedInXml(c)) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    private static boolean allowedInXml(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
