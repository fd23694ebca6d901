package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TestSpeakableText {
    @Test
    void invisibleCharactersAndLoneSurrogatesGoTheRestStays() {
        assertEquals("hello world", SpeakableText.of("hel\u200Blo\u200D world\uFEFF"));
        assertEquals("abc", SpeakableText.of("a\uD800b\uDC00c"));
        assertEquals("שלום 🙂", SpeakableText.of("\u200Fשלום 🙂"), "right-to-left text and emoji are speech");
        assertEquals("3 + 4 €", SpeakableText.of("3 + 4 €"));
    }

    @Test
    void textWithNothingToSayIsTheCallersMistake() {
        for (String silent : new String[]{"\u200B\u200B\u200B", "\u200E\u200F", "\uD800", "\uFEFF", " ... !? "}) {
            VoiceException e = assertThrows(VoiceException.class, () -> SpeakableText.of(silent));
            assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
            assertEquals("input", e.param().orElseThrow());
        }
    }
}
