package io.voiceplatform.providers.local;

import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.StreamSpeechRecognizer;
import edu.cmu.sphinx.result.Result;
import edu.cmu.sphinx.result.WordResult;
import io.voiceplatform.api.TimedText;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * CMU Sphinx4 with its bundled US-English model, loaded once. Not thread-safe: the provider calls it from
 * one thread only. With a grammar it recognizes only the given phrases, exactly; without, free dictation.
 */
final class SphinxRecognizer {
    static final int SAMPLE_RATE = 16_000;
    private static final String MODEL = "resource:/edu/cmu/sphinx/models/en-us/";
    private static final String GRAMMAR_NAME = "phrases";

    private final Recognizer recognizer;

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
                return new Recognizer(configuration);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the Sphinx4 model", e);
            }
        });
    }

    /**
     * Utterances found in 16 kHz mono audio, each with its words, timed from {@code offsetSeconds}. The words come
     * from the best path of each result: Sphinx4's word lattice ({@code SpeechResult.getWords}) fails with a
     * NullPointerException on some recordings (espeak-ng's at 22.05 kHz, resampled) and costs time besides.
     *
     * @param cancelled checked as the audio is read: once true, the recognizer sees the end of the audio and stops
     */
    List<Utterance> recognize(Pcm16 audio, double offsetSeconds, BooleanSupplier cancelled) {
        InputStream input = new StoppableInput(audio.dithered().toLittleEndian(), cancelled);
        // The first recognition allocates the model's components, which log as they come up.
        SphinxLogging.quietly(() -> {
            recognizer.startRecognition(input);
            return null;
        });
        try {
            List<Utterance> utterances = new ArrayList<>();
            Result result;
            while ((result = recognizer.next()) != null) {
                List<TimedText> words = new ArrayList<>();
                for (WordResult word : result.getTimedBestResult(false)) {
                    String spelling = word.getWord().getSpelling();
                    if (word.isFiller() || spelling.startsWith("<") || spelling.startsWith("[")) {
                        continue;
                    }
                    long start = word.getTimeFrame().getStart();
                    long end = Math.max(start, word.getTimeFrame().getEnd());
                    words.add(new TimedText(offsetSeconds + start / 1000.0, offsetSeconds + end / 1000.0, spelling));
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

    /** Sphinx4's stream recognizer, handing out its raw results (without building a lattice). */
    private static final class Recognizer extends StreamSpeechRecognizer {
        Recognizer(Configuration configuration) throws IOException {
            super(configuration);
        }

        Result next() {
            return recognizer.recognize();
        }
    }

    /** The samples as Sphinx reads them, ending early once the recognition is abandoned. */
    private static final class StoppableInput extends ByteArrayInputStream {
        private final BooleanSupplier cancelled;

        StoppableInput(byte[] bytes, BooleanSupplier cancelled) {
            super(bytes);
            this.cancelled = cancelled;
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            return cancelled.getAsBoolean() ? -1 : super.read(buffer, offset, length);
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
