package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.VoiceException;

/**
 * The text a voice can say: unpaired surrogates (no character at all) and invisible format characters (zero-width
 * spaces and joiners, direction marks, the byte-order mark) removed. Text with no letter, digit or symbol left has
 * nothing to say, and is refused as the caller's mistake instead of being answered with silence.
 */
final class SpeakableText {
    private SpeakableText() {
    }

    static String of(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean sayable = false;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            int type = Character.getType(codePoint);
            if (type == Character.SURROGATE || type == Character.FORMAT) {
                continue;
            }
            sayable |= Character.isLetterOrDigit(codePoint) || type == Character.MATH_SYMBOL
                    || type == Character.CURRENCY_SYMBOL || type == Character.OTHER_SYMBOL;
            out.appendCodePoint(codePoint);
        }
        if (!sayable) {
            throw VoiceException.invalid("input has nothing to say: no letter, digit or symbol once invisible characters"
                    + " are left out", "input");
        }
        return out.toString();
    }
}
