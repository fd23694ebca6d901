package io.voiceplatform.providers.local;

import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.SpeechResult;
import edu.cmu.sphinx.api.StreamSpeechRecognizer;
import edu.cmu.sphinx.result.WordResult;
import io.voiceplatform.api.TimedText;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * CMU Sphinx4 with its bundled US-English model, loaded once. Not thread-safe: the provider calls it from
 * one thread only. With a grammar it recognizes only the given phrases, exactly; without, free dictation.
 */
final class SphinxRecognizer {
    static final int SAMPLE_RATE = 16_000;
    private static final String MODEL = "resource:/edu/cmu/sphinx/models/en-us/";
    private static final String GRAMMAR_NAME = "phrases";

    private final StreamSpeechRecognizer recognizer;

    /** @param grammar empty for free dictation; a {@code .gram} file; or comma-separated phrases */
    SphinxRecognizer(String grammar) {
        Configuration configuration = new Configuration();
        configuration.setAcousticModelPath(MODEL + "en-us");
        configuration.setDictionaryPath(MODEL + "cmudict-en-us.dict");
        configuration.setLanguageModelPath(MODEL + "en-us.lm.bin");
        configuration.setSampleRate(SAMPLE_RATE);
        if (!grammar.isBlank()) {
            Path file = grammarFile(grammar);
            configuration.setGrammarPath(file.getParent().toUri().toString());
            configuration.setGrammarName(file.getFileName().toString().replaceFirst("\\.gram$", ""));
            configuration.setUseGrammar(true);
        }
        this.recognizer = SphinxLogging.quietly(() -> {
            try {
                return new StreamSpeechRecognizer(configuration);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the Sphinx4 model", e);
            }
        });
    }

    /** Utterances found in 16 kHz mono audio, each with its words. */
    List<Utterance> recognize(Pcm16 audio) {
        // The first recognition allocates the model's components, which log as they come up.
        SphinxLogging.quietly(() -> {
            recognizer.startRecognition(new ByteArrayInputStream(audio.toLittleEndian()));
            return null;
        });
        try {
            List<Utterance> utterances = new ArrayList<>();
            SpeechResult result;
            while ((result = recognizer.getResult()) != null) {
                List<TimedText> words = new ArrayList<>();
                for (WordResult word : result.getWords()) {
                    String spelling = word.getWord().getSpelling();
                    if (word.isFiller() || spelling.startsWith("<") || spelling.startsWith("[")) {
                        continue;
                    }
                    words.add(new TimedText(word.getTimeFrame().getStart() / 1000.0,
                            Math.max(word.getTimeFrame().getStart(), word.getTimeFrame().getEnd()) / 1000.0, spelling));
                }
                if (!words.isEmpty()) {
                    utterances.add(new Utterance(words));
                }
            }
            return utterances;
        } finally {
            recognizer.stopRecognition();
        }
    }

    /** The JSGF grammar to use: the named file, or one written for the given phrases. */
    private static Path grammarFile(String grammar) {
        if (grammar.trim().endsWith(".gram")) {
            Path file = Path.of(grammar.trim()).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("voice.providers.local.grammar: no grammar file " + file);
            }
            return file;
        }
        String alternatives = Arrays.stream(grammar.split(","))
                .map(p -> p.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z' ]", " ").replaceAll("\\s+", " ").trim())
                .filter(p -> !p.isEmpty())
                .collect(Collectors.joining(" | "));
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("voice.providers.local.grammar has no phrases");
        }
        try {
            Path dir = Files.createTempDirectory("voice-grammar");
            Path file = dir.resolve(GRAMMAR_NAME + ".gram");
            Files.writeString(file, "#JSGF V1.0;\ngrammar " + GRAMMAR_NAME + ";\npublic <phrase> = " + alternatives + ";\n");
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the grammar file", e);
        }
    }

    /** One recognized stretch of speech. */
    record Utterance(List<TimedText> words) {
        String text() {
            return words.stream().map(TimedText::text).collect(Collectors.joining(" "));
        }

        TimedText segment() {
            return new TimedText(words.get(0).start(), words.get(words.size() - 1).end(), text());
        }
    }
}
