package io.voiceplatform.providers.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class TestSpeechPieces {
    private static final int RATE = 16_000;
    private final SpeechPieces pieces = new SpeechPieces(10, 20);

    @Test
    void aShortRecordingIsOnePiece() {
        Pcm16 pcm = tone(15, 0, 0);
        List<SpeechPieces.Piece> split = pieces.split(pcm);
        assertEquals(1, split.size());
        assertEquals(0, split.get(0).start());
    }

    /** 4 s of sound, 0.6 s of near silence, 60 s long: cut inside the pauses, each piece 10..20 s, nothing lost. */
    @Test
    void cutsInsidePausesOnceAPieceIsLongEnough() {
        Pcm16 pcm = tone(60, 4.0, 0.6);
        List<SpeechPieces.Piece> split = pieces.split(pcm);
        assertTrue(split.size() >= 3 && split.size() <= 6, split.size() + " pieces");
        for (int i = 0; i < split.size(); i++) {
            SpeechPieces.Piece piece = split.get(i);
            double seconds = piece.audio().seconds();
            if (i < split.size() - 1) {
                assertTrue(seconds >= 9.5 && seconds <= 20.5, "piece " + i + " lasts " + seconds);
            }
            if (i > 0) {
                double at = piece.startSeconds() % 4.6;
                assertTrue(at >= 4.0 && at <= 4.6, "piece " + i + " starts at " + piece.startSeconds() + ", not in a pause");
            }
        }
        assertArrayEquals(pcm.samples(), joined(split));
    }

    @Test
    void withoutPausesAPieceIsCutAtTheLongestItMayBe() {
        Pcm16 pcm = tone(50, 0, 0);
        List<SpeechPieces.Piece> split = pieces.split(pcm);
        assertTrue(split.size() >= 3, split.size() + " pieces");
        split.subList(0, split.size() - 1).forEach(p -> assertTrue(p.audio().seconds() <= 20.1, p.audio().seconds() + " s"));
        assertArrayEquals(pcm.samples(), joined(split));
    }

    /** A 300 Hz tone in bursts of {@code on} seconds with {@code off} seconds of faint noise between; all tone when off is 0. */
    private static Pcm16 tone(double seconds, double on, double off) {
        short[] samples = new short[(int) (seconds * RATE)];
        java.util.Random noise = new java.util.Random(7);
        for (int i = 0; i < samples.length; i++) {
            double t = (double) i / RATE;
            boolean sounding = off == 0 || t % (on + off) < on;
            samples[i] = (short) (sounding ? 6000 * Math.sin(2 * Math.PI * 300 * t) : noise.nextGaussian() * 20);
        }
        return new Pcm16(samples, RATE);
    }

    private static short[] joined(List<SpeechPieces.Piece> split) {
        int total = split.stream().mapToInt(p -> p.audio().samples().length).sum();
        short[] out = new short[total];
        int at = 0;
        for (SpeechPieces.Piece piece : split) {
            assertEquals(at, piece.start());
            System.arraycopy(piece.audio().samples(), 0, out, at, piece.audio().samples().length);
            at += piece.audio().samples().length;
        }
        return out;
    }
}
