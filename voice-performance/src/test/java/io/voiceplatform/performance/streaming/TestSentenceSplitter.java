package io.voiceplatform.performance.streaming;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestSentenceSplitter {
    @Test
    void packsWholeSentencesUpToTheLimit() {
        String text = "The first sentence is here. The second one follows it! Is this the third? And a fourth.";
        List<String> pieces = new SentenceSplitter(60).split(text, Locale.ENGLISH);
        assertEquals(List.of("The first sentence is here. The second one follows it! ", "Is this the third? And a fourth."), pieces);
        assertEquals(text, String.join("", pieces));
    }

    @Test
    void cutsAnOverlongSentenceAtASpaceAndNeverExceedsTheLimit() {
        String text = "word ".repeat(100).strip() + ". Short one.";
        List<String> pieces = new SentenceSplitter(47).split(text, Locale.ENGLISH);
        assertEquals(text, String.join("", pieces));
        pieces.forEach(piece -> assertTrue(piece.length() <= 47, piece));
        pieces.subList(0, pieces.size() - 2).forEach(piece -> assertTrue(piece.endsWith(" "), "cut after a space: '" + piece + "'"));
    }

    @Test
    void cutsMidWordOnlyWithoutAnySpace() {
        List<String> pieces = new SentenceSplitter(10).split("x".repeat(25), Locale.ROOT);
        assertEquals(List.of("x".repeat(10), "x".repeat(10), "x".repeat(5)), pieces);
    }

    @Test
    void splitsOtherScriptsAtTheirSentenceEnds() {
        String text = "Привет, мир. Как дела? Всё хорошо!";
        assertEquals(List.of("Привет, мир. ", "Как дела? ", "Всё хорошо!"), new SentenceSplitter(13).split(text, Locale.forLanguageTag("ru")));
    }

    @Test
    void refusesANonPositiveLimit() {
        assertThrows(IllegalArgumentException.class, () -> new SentenceSplitter(0));
    }
}
