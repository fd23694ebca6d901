package io.voiceplatform.providers.deepgram;

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
 * Reads a pre-recorded transcription response
 * (https://developers.deepgram.com/reference/speech-to-text/listen-pre-recorded): the first alternative of the
 * first channel, its words, the utterances when asked for, and {@code metadata.duration}.
 */
final class DeepgramTranscriptReader {
    private DeepgramTranscriptReader() {
    }

    /**
     * @param language the language asked for, reported when Deepgram detected none
     */
    static Transcript read(JsonNode root, TimestampDetail detail, String language, String model) {
        JsonNode channel = root.path("results").path("channels").path(0);
        JsonNode alternative = channel.path("alternatives").path(0);
        if (!alternative.path("transcript").isTextual()) {
            throw VoiceException.of(ErrorKind.PROVIDER_ERROR, DeepgramPlugin.ID,
                    "Deepgram answered without results.channels[0].alternatives[0].transcript", null);
        }
        String detected = channel.path("detected_language").asText("");
        JsonNode confidence = alternative.path("confidence");
        return new Transcript(
                alternative.path("transcript").asText(),
                detected.isEmpty() ? language : detected,
                confidence.isNumber() ? OptionalDouble.of(clamp(confidence.asDouble())) : OptionalDouble.empty(),
                Duration.ofNanos(Math.round(root.path("metadata").path("duration").asDouble(0) * 1e9)),
                detail == TimestampDetail.SEGMENT ? utterances(root.path("results").path("utterances")) : List.of(),
                detail == TimestampDetail.WORD ? words(alternative.path("words")) : List.of(),
                DeepgramPlugin.ID,
                model);
    }

    private static List<TimedText> words(JsonNode words) {
        List<TimedText> out = new ArrayList<>();
        for (JsonNode word : words) {
            String text = word.path("punctuated_word").asText(word.path("word").asText(""));
            out.add(timed(word.path("start").asDouble(), word.path("end").asDouble(), text));
        }
        return out;
    }

    private static List<TimedText> utterances(JsonNode utterances) {
        List<TimedText> out = new ArrayList<>();
        for (JsonNode utterance : utterances) {
            out.add(timed(utterance.path("start").asDouble(), utterance.path("end").asDouble(),
                    utterance.path("transcript").asText("")));
        }
        return out;
    }

    private static TimedText timed(double start, double end, String text) {
        double from = Math.max(0, start);
        return new TimedText(from, Math.max(from, end), text);
    }

    private static double clamp(double confidence) {
        return Math.min(1, Math.max(0, confidence));
    }
}
