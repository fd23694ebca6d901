package io.voiceplatform.providers.google;

import com.fasterxml.jackson.databind.JsonNode;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.TimedText;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.VoiceException;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Reads a {@code speech:recognize} response
 * (https://cloud.google.com/speech-to-text/docs/reference/rest/v1/speech/recognize#response-body): one
 * result per stretch of speech, each with its top alternative first. The text joins the results, each
 * result is a segment ending at its {@code resultEndTime}, and the words come with their offsets when
 * they were asked for. An empty body ({@code {}}) means no speech was heard: an empty transcript.
 */
final class GoogleTranscriptReader {
    private GoogleTranscriptReader() {
    }

    /**
     * @param language      the locale asked for, reported when Google names none
     * @param audioDuration the clip's length when known from its header, else zero
     */
    static Transcript read(JsonNode root, TimestampDetail detail, String language, String model, Duration audioDuration) {
        if (!root.isObject()) {
            throw unreadable("it is not a JSON object");
        }
        JsonNode results = root.path("results");
        if (!results.isMissingNode() && !results.isArray()) {
            throw unreadable("results is not a list");
        }
        List<String> texts = new ArrayList<>();
        List<TimedText> segments = new ArrayList<>();
        List<TimedText> words = new ArrayList<>();
        double confidenceSum = 0;
        int confidences = 0;
        double segmentStart = 0;
        String spoken = "";
        for (JsonNode result : results) {
            JsonNode best = result.path("alternatives").path(0);
            String text = best.path("transcript").asText("").strip();
            double end = Math.max(segmentStart, seconds(result.path("resultEndTime"), segmentStart));
            if (!text.isEmpty()) {
                texts.add(text);
                segments.add(new TimedText(segmentStart, end, text));
            }
            if (best.path("confidence").isNumber()) {
                confidenceSum += best.path("confidence").asDouble();
                confidences++;
            }
            for (JsonNode word : best.path("words")) {
                double from = Math.max(0, seconds(word.path("startTime"), 0));
                words.add(new TimedText(from, Math.max(from, seconds(word.path("endTime"), from)), word.path("word").asText("")));
            }
            if (spoken.isEmpty() && !result.path("languageCode").asText("").isBlank()) {
                spoken = GoogleLanguages.platformTag(result.path("languageCode").asText());
            }
            segmentStart = end;
        }
        return new Transcript(
                String.join(" ", texts),
                spoken.isEmpty() ? language : spoken,
                confidences == 0 ? OptionalDouble.empty() : OptionalDouble.of(Math.min(1, Math.max(0, confidenceSum / confidences))),
                audioDuration.isZero() ? Duration.ofNanos(Math.round(segmentStart * 1e9)) : audioDuration,
                detail == TimestampDetail.SEGMENT ? segments : List.of(),
                detail == TimestampDetail.WORD ? words : List.of(),
                GooglePlugin.ID,
                model);
    }

    /** A protobuf duration in JSON, {@code "1.300s"}; {@code absent} when the field is missing. */
    static double seconds(JsonNode value, double absent) {
        if (value.isMissingNode() || value.isNull()) {
            return absent;
        }
        String text = value.asText("");
        if (!text.endsWith("s")) {
            throw unreadable("'" + text + "' is not a duration such as 1.300s");
        }
        try {
            return new BigDecimal(text.substring(0, text.length() - 1)).doubleValue();
        } catch (NumberFormatException e) {
            throw unreadable("'" + text + "' is not a duration such as 1.300s");
        }
    }

    private static VoiceException unreadable(String why) {
        return VoiceException.of(ErrorKind.PROVIDER_ERROR, GooglePlugin.ID, "Google's recognition answer cannot be read: " + why, null);
    }
}
