package io.voiceplatform.providers.elevenlabs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The voices a request may name: ElevenLabs identifies voices by id only, so friendly names (including
 * OpenAI's voice names) come from configuration as {@code name=voice_id}; any well-formed voice id of the
 * account is accepted too.
 */
record ElevenLabsVoices(Map<String, String> idsByName) {
    /** Voice ids are 20 letters and digits, e.g. {@code JBFqnCBsd6RMkjVDRZzb}. */
    private static final Pattern VOICE_ID = Pattern.compile("[A-Za-z0-9]{20}");

    ElevenLabsVoices {
        idsByName = Collections.unmodifiableMap(new LinkedHashMap<>(idsByName));
    }

    /** Reads {@code name=voice_id} entries; {@code key} names the setting in errors. */
    static ElevenLabsVoices parse(String key, List<String> entries) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            String name = eq < 0 ? "" : entry.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String id = eq < 0 ? "" : entry.substring(eq + 1).trim();
            if (name.isEmpty() || !VOICE_ID.matcher(id).matches()) {
                throw new IllegalArgumentException(key + " entry '" + entry + "' is not name=voice_id (a voice id is 20 letters and digits)");
            }
            ids.put(name, id);
        }
        return new ElevenLabsVoices(ids);
    }

    /** The voice id a name stands for: a configured name, or the name itself when it is a voice id. */
    Optional<String> idOf(String name) {
        String trimmed = name.trim();
        String byName = idsByName.get(trimmed.toLowerCase(Locale.ROOT));
        if (byName != null) {
            return Optional.of(byName);
        }
        return VOICE_ID.matcher(trimmed).matches() ? Optional.of(trimmed) : Optional.empty();
    }

    List<String> names() {
        return List.copyOf(idsByName.keySet());
    }
}
