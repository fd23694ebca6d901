package io.voiceplatform.performance.streaming;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a long text into pieces of at most {@code maxChars} at sentence boundaries, so that each piece can be
 * synthesized on its own and still sound natural. Whole sentences are packed together up to the limit; a
 * sentence longer than the limit is cut at its last space (or comma) before it, and only a text without
 * either is cut mid-word. Joined, the pieces give back the text.
 */
public final class SentenceSplitter {
    private final int maxChars;

    public SentenceSplitter(int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive");
        }
        this.maxChars = maxChars;
    }

    public List<String> split(String text, Locale locale) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        BreakIterator sentences = BreakIterator.getSentenceInstance(locale);
        sentences.setText(text);
        for (int start = sentences.first(), end = sentences.next(); end != BreakIterator.DONE; start = end, end = sentences.next()) {
            String sentence = text.substring(start, end);
            if (piece.length() + sentence.length() > maxChars && piece.length() > 0) {
                pieces.add(piece.toString());
                piece.setLength(0);
            }
            while (sentence.length() > maxChars) {
                int cut = cutPoint(sentence);
                pieces.add(sentence.substring(0, cut));
                sentence = sentence.substring(cut);
            }
            piece.append(sentence);
        }
        if (piece.length() > 0) {
            pieces.add(piece.toString());
        }
        return pieces;
    }

    /** After the last space or comma within the limit; at the limit when there is none. */
    private int cutPoint(String sentence) {
        for (int i = maxChars; i > maxChars / 2; i--) {
            char c = sentence.charAt(i - 1);
            if (Character.isWhitespace(c) || c == ',' || c == ';') {
                return i;
            }
        }
        return maxChars;
    }
}
