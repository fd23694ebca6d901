package io.voiceplatform.tools.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the next request is. A share {@code sttShare} is transcription, the rest speech; a share
 * {@code repeatShare} is drawn from a small working set of inputs sent again and again (what a cache should
 * serve), the rest is distinct: speech texts carry a request counter, transcriptions get the counter in their
 * prompt (part of the transcript cache key) and a counter-dependent length of silence appended to the audio,
 * so that no cache can answer them. Every input carries the run id, so a run never meets an earlier run's
 * cache entries. Safe for use by many threads.
 */
final class Workload {
    static final int WORKING_SET_PER_OPERATION = 4;
    /** Distinct transcriptions get 1..this many frames of silence (0.25 s at 16 kHz). */
    private static final int MAX_PADDING_FRAMES = 4000;
    private static final List<String> PHRASES = List.of(
            "The meeting has moved to three o'clock on Thursday.",
            "Please leave the parcel at the front door.",
            "Your order number is four five six and it ships tomorrow.",
            "Expect clear skies with a light breeze this evening.");

    private final String runId;
    private final List<byte[]> wavs;
    private final double sttShare;
    private final double repeatShare;
    private final List<WorkingSetItem> sttItems = new ArrayList<>();
    private final List<WorkingSetItem> ttsItems = new ArrayList<>();
    private final AtomicLong counter = new AtomicLong();

    Workload(String runId, List<byte[]> wavs, double sttShare, double repeatShare) {
        if (wavs.isEmpty()) {
            throw new IllegalArgumentException("no transcription input");
        }
        this.runId = runId;
        this.wavs = List.copyOf(wavs);
        this.sttShare = sttShare;
        this.repeatShare = repeatShare;
        for (int k = 0; k < WORKING_SET_PER_OPERATION; k++) {
            ttsItems.add(new WorkingSetItem(Operation.TTS, "Repeated phrase " + (k + 1) + " of validation run " + runId + ". "
                    + PHRASES.get(k % PHRASES.size()), null, null));
            sttItems.add(new WorkingSetItem(Operation.STT, null, wavs.get(k % wavs.size()),
                    "validation run " + runId + ", repeated input " + (k + 1)));
        }
    }

    PlannedRequest next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Operation operation = random.nextDouble() < sttShare ? Operation.STT : Operation.TTS;
        if (random.nextDouble() < repeatShare) {
            List<WorkingSetItem> items = operation == Operation.STT ? sttItems : ttsItems;
            WorkingSetItem item = items.get(random.nextInt(items.size()));
            return new PlannedRequest(operation, item.text, item.wav, item.prompt, item, item.warm());
        }
        long n = counter.incrementAndGet();
        if (operation == Operation.TTS) {
            return new PlannedRequest(operation, "Request " + n + " of validation run " + runId + ". "
                    + PHRASES.get((int) (n % PHRASES.size())), null, null, null, false);
        }
        byte[] wav = WavPadding.withSilence(wavs.get((int) (n % wavs.size())), 1 + (int) (n % MAX_PADDING_FRAMES));
        return new PlannedRequest(operation, null, wav, "validation run " + runId + ", request " + n, null, false);
    }
}
