package io.voiceplatform.providers.elevenlabs;

import com.fasterxml.jackson.databind.JsonNode;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.Language;
import io.voiceplatform.api.TimedText;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.VoiceException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Reads a transcript of {@code POST /v1/speech-to-text}
 * (https://elevenlabs.io/docs/api-reference/speech-to-text/convert): {@code text}, {@code language_code}
 * (ISO 639-1 or 639-3) and the {@code words}, of which only those of type {@code word} are words: the others
 * are spacing and audio events such as {@code (laughter)}.
 */
final class ElevenLabsTranscriptReader {
    private ElevenLabsTranscriptReader() {
    }

    /**
     * @param language the language asked for; when {@link Language#AUTO}, the one ElevenLabs detected is reported
     */
    static Transcript read(JsonNode root, TimestampDetail detail, String language, String model) {
        if (!root.path("text").isTextual()) {
            throw VoiceException.of(ErrorKind.PROVIDER_ERROR, ElevenLabsPlugin.ID, "ElevenLabs answered a transcript without text", null);
        }
        List<TimedText> words = new ArrayList<>();
        double end = 0;
        for (JsonNode word : root.path("words")) {
            double wordEnd = word.path("end").asDouble(0);
            end = Math.max(end, wordEnd);
            if ("word".equals(word.path("type").asText("word"))) {
                double start = Math.max(0, word.path("start").asDouble(0));
                words.add(new TimedText(start, Math.max(start, wordEnd), word.path("text").asText("")));
            }
        }
        String detected = root.path("language_code").asText("");
        return new Transcript(
                root.path("text").asText(),
                Language.AUTO.equals(language) && !detected.isEmpty() ? twoLetter(detected) : language,
                OptionalDouble.empty(),
                Duration.ofNanos(Math.round(end * 1e9)),
                List.of(),
                detail == TimestampDetail.WORD ? words : List.of(),
                ElevenLabsPlugin.ID,
                model);
    }

    /** {@code rus} as {@code ru}; a code without a two-letter form is kept as given. */
    private static String twoLetter(String code) {
        String lower = code.toLowerCase(Locale.ROOT);
        if (lower.length() != 3) {
            return lower;
        }
        for (String iso1 : Locale.getISOLanguages()) {
            if (lower.equals(Locale.forLanguageTag(iso1).getISO3Language())) {
                return iso1;
            }
        }
        return lower;
    }
}
