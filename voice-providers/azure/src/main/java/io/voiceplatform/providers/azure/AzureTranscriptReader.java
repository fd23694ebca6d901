package io.voiceplatform.providers.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.TimedText;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.VoiceException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Reads a short-audio recognition result in the {@code detailed} format
 * (https://learn.microsoft.com/azure/ai-services/speech-service/rest-speech-to-text-short): the best of
 * {@code NBest}, times in 100-nanosecond ticks (sent as numbers or as strings). Silence is an empty
 * transcript; speech in another language and service errors are failures.
 */
final class AzureTranscriptReader {
    private static final double TICKS_PER_SECOND = 10_000_000.0;

    private AzureTranscriptReader() {
    }

    /**
     * @param locale        the locale recognized
     * @param audioDuration the length of the audio sent, or empty when not known here
     */
    static Transcript read(JsonNode root, TimestampDetail detail, String locale, Duration audioDuration) {
        String status = root.path("RecognitionStatus").asText("");
        long offset = ticks(root.path("Offset"));
        long end = offset + ticks(root.path("Duration"));
        Duration duration = audioDuration.isZero() ? Duration.ofNanos(end * 100) : audioDuration;
        switch (status) {
            case "Success" -> {
                return success(root, detail, locale, duration, offset, end);
            }
            case "InitialSilenceTimeout", "BabbleTimeout" -> {
                return new Transcript("", locale, OptionalDouble.empty(), duration, List.of(), List.of(), AzurePlugin.ID, "");
            }
            case "NoMatch" -> throw VoiceException.unsupported(AzurePlugin.ID,
                    "Azure heard speech but no words of " + locale + " (NoMatch): the audio is likely in another language");
            case "Error" -> throw VoiceException.of(ErrorKind.UNAVAILABLE, AzurePlugin.ID,
                    "Azure recognition failed with an internal error (RecognitionStatus Error)", null);
            default -> throw VoiceException.of(ErrorKind.PROVIDER_ERROR, AzurePlugin.ID,
                    "Azure answered an unknown RecognitionStatus '" + status + "'", null);
        }
    }

    private static Transcript success(JsonNode root, TimestampDetail detail, String locale, Duration duration,
                                      long offset, long end) {
        JsonNode best = root.path("NBest").path(0);
        String text = best.path("Display").asText(root.path("DisplayText").asText(null));
        if (text == null) {
            throw VoiceException.of(ErrorKind.PROVIDER_ERROR, AzurePlugin.ID,
                    "Azure answered Success without NBest[0].Display or DisplayText", null);
        }
        JsonNode confidence = best.path("Confidence");
        List<TimedText> segments = detail == TimestampDetail.SEGMENT
                ? List.of(new TimedText(offset / TICKS_PER_SECOND, end / TICKS_PER_SECOND, text)) : List.of();
        return new Transcript(text, locale,
                confidence.isNumber() ? OptionalDouble.of(Math.min(1, Math.max(0, confidence.asDouble()))) : OptionalDouble.empty(),
                duration, segments, detail == TimestampDetail.WORD ? words(best.path("Words")) : List.of(),
                AzurePlugin.ID, "");
    }

    private static List<TimedText> words(JsonNode words) {
        List<TimedText> out = new ArrayList<>();
        for (JsonNode word : words) {
            long start = ticks(word.path("Offset"));
            long end = start + ticks(word.path("Duration"));
            out.add(new TimedText(start / TICKS_PER_SECOND, end / TICKS_PER_SECOND, word.path("Word").asText("")));
        }
        return out;
    }

    /** A tick count given as a number or as a string of digits; 0 when absent or malformed. */
    private static long ticks(JsonNode node) {
        if (node.isNumber()) {
            return Math.max(0, node.asLong());
        }
        try {
            return Math.max(0, Long.parseLong(node.asText("0").trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
