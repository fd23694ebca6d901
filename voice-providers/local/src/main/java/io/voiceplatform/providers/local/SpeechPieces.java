package io.voiceplatform.providers.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a long recording at its pauses, so that the pieces can be recognized in parallel: an energy detector over
 * 30 ms frames, the threshold 10 dB over the quietest tenth of the recording. A piece ends in the middle of the
 * first pause of at least 300 ms once it is {@code minSeconds} long; one without such a pause is cut at its
 * quietest frame when it reaches {@code maxSeconds}.
 */
final class SpeechPieces {
    static final int FRAME = 480; // 30 ms at 16 kHz
    private static final int PAUSE_FRAMES = 10;
    private static final double ABOVE_FLOOR = Math.pow(10, 10 / 20.0);
    private static final double QUIETEST_LOUDNESS = 30; // digital silence, dither

    private final double minSeconds;
    private final double maxSeconds;

    SpeechPieces(double minSeconds, double maxSeconds) {
        this.minSeconds = minSeconds;
        this.maxSeconds = maxSeconds;
    }

    /** One piece of the recording: where it starts (in samples) and its samples. */
    record Piece(int start, Pcm16 audio) {
        double startSeconds() {
            return (double) start / audio.sampleRate();
        }
    }

    List<Piece> split(Pcm16 pcm) {
        int rate = pcm.sampleRate();
        short[] samples = pcm.samples();
        int frameCount = samples.length / FRAME;
        if (samples.length <= maxSeconds * rate || frameCount < 2 * PAUSE_FRAMES) {
            return List.of(new Piece(0, pcm));
        }
        double[] loudness = new double[frameCount];
        for (int f = 0; f < frameCount; f++) {
            double sum = 0;
            for (int i = f * FRAME; i < (f + 1) * FRAME; i++) {
                sum += (double) samples[i] * samples[i];
            }
            loudness[f] = Math.sqrt(sum / FRAME);
        }
        double[] sorted = loudness.clone();
        Arrays.sort(sorted);
        double threshold = Math.max(QUIETEST_LOUDNESS, sorted[frameCount / 10]) * ABOVE_FLOOR;
        int minFrames = (int) (minSeconds * rate / FRAME);
        int maxFrames = (int) (maxSeconds * rate / FRAME);
        List<Integer> cuts = new ArrayList<>();
        int pieceStart = 0;
        int quietRun = 0;
        for (int f = 0; f < frameCount; f++) {
            quietRun = loudness[f] < threshold ? quietRun + 1 : 0;
            int length = f - pieceStart;
            if (quietRun >= PAUSE_FRAMES && length - quietRun / 2 >= minFrames) {
                pieceStart = f - quietRun / 2;
                cuts.add(pieceStart);
                quietRun = 0;
            } else if (length >= maxFrames) {
                pieceStart = quietest(loudness, f - maxFrames / 4, f);
                cuts.add(pieceStart);
                quietRun = 0;
            }
        }
        List<Piece> pieces = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            int to = cut * FRAME;
            pieces.add(new Piece(from, new Pcm16(Arrays.copyOfRange(samples, from, to), rate)));
            from = to;
        }
        pieces.add(new Piece(from, new Pcm16(Arrays.copyOfRange(samples, from, samples.length), rate)));
        return pieces;
    }

    private static int quietest(double[] loudness, int from, int to) {
        int best = to;
        for (int f = Math.max(0, from); f <= to; f++) {
            if (loudness[f] < loudness[best]) {
                best = f;
            }
        }
        return best;
    }
}
