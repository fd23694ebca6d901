package io.voiceplatform.app.openai;

import io.voiceplatform.api.TimedText;
import io.voiceplatform.api.Transcript;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The {@code response_format}s of OpenAI's transcription endpoint, and how a transcript is written in each. */
public enum TranscriptFormat {
    JSON("application/json"),
    TEXT("text/plain; charset=utf-8"),
    SRT("application/x-subrip; charset=utf-8"),
    VTT("text/vtt; charset=utf-8"),
    VERBOSE_JSON("application/json");

    private final String contentType;

    TranscriptFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<TranscriptFormat> fromId(String id) {
        if (id == null || id.isBlank()) {
            return Optional.of(JSON);
        }
        for (TranscriptFormat f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(id.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** A JSON-ready map for JSON and VERBOSE_JSON; text for the others. */
    public Object render(Transcript t, boolean words) {
        return switch (this) {
            case JSON -> Map.of("text", t.text());
            case TEXT -> t.text() + "\n";
            case SRT -> subtitles(t, false);
            case VTT -> "WEBVTT\n\n" + subtitles(t, true);
            case VERBOSE_JSON -> verbose(t, words);
        };
    }

    private static Map<String, Object> verbose(Transcript t, boolean words) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("task", "transcribe");
        out.put("language", languageName(t.language()));
        out.put("duration", seconds(t.duration().toMillis() / 1000.0));
        out.put("text", t.text());
        List<Map<String, Object>> segments = new ArrayList<>();
        List<TimedText> timed = cues(t);
        for (int i = 0; i < timed.size(); i++) {
            TimedText s = timed.get(i);
            Map<String, Object> seg = new LinkedHashMap<>();
            seg.put("id", i);
            seg.put("start", seconds(s.start()));
            seg.put("end", seconds(s.end()));
            seg.put("text", s.text());
            segments.add(seg);
        }
        out.put("segments", segments);
        if (words) {
            out.put("words", t.words().stream().map(w -> Map.of("word", w.text(), "start", seconds(w.start()),
                    "end", seconds(w.end()))).toList());
        }
        return out;
    }

    /** Segments, or one cue over the whole audio when the provider gave none. */
    private static List<TimedText> cues(Transcript t) {
        if (!t.segments().isEmpty()) {
            return t.segments();
        }
        if (t.text().isBlank()) {
            return List.of();
        }
        return List.of(new TimedText(0, t.duration().toMillis() / 1000.0, t.text()));
    }

    private static String subtitles(Transcript t, boolean vtt) {
        StringBuilder out = new StringBuilder();
        List<TimedText> timed = cues(t);
        for (int i = 0; i < timed.size(); i++) {
            TimedText cue = timed.get(i);
            if (!vtt) {
                out.append(i + 1).append('\n');
            }
            out.append(timestamp(cue.start(), vtt)).append(" --> ").append(timestamp(cue.end(), vtt)).append('\n')
                    .append(cue.text().strip()).append("\n\n");
        }
        return out.toString();
    }

    private static String timestamp(double seconds, boolean vtt) {
        long millis = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%s%03d", millis / 3_600_000, (millis / 60_000) % 60,
                (millis / 1000) % 60, vtt ? "." : ",", millis % 1000);
    }

    private static double seconds(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** OpenAI reports the language by its English name; a tag it cannot name stays a tag. */
    private static String languageName(String tag) {
        if ("auto".equals(tag)) {
            return "unknown";
        }
        String name = Locale.forLanguageTag(tag).getDisplayLanguage(Locale.ENGLISH).toLowerCase(Locale.ROOT);
        return name.isEmpty() ? tag : name;
    }
}
