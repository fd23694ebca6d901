package io.voiceplatform.performance.cache.redis;

import io.voiceplatform.api.TimedText;
import io.voiceplatform.api.Transcript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Every field of a {@link Transcript}, timed segments and words included, in format version 1. */
public final class TranscriptCodec implements ValueCodec<Transcript> {
    private static final Logger LOG = LoggerFactory.getLogger(TranscriptCodec.class);
    private static final byte KIND = 'T';
    private static final byte VERSION = 2;

    @Override
    public byte[] encode(Transcript transcript) {
        ValueOutput out = new ValueOutput(KIND, VERSION, transcript.text().length() * 2);
        out.string(transcript.text()).string(transcript.language());
        out.bool(transcript.confidence().isPresent()).float64(transcript.confidence().orElse(0));
        out.duration(transcript.duration());
        timed(out, transcript.segments());
        timed(out, transcript.words());
        return out.string(transcript.provider()).string(transcript.model()).toByteArray();
    }

    private static void timed(ValueOutput out, List<TimedText> list) {
        out.int32(list.size());
        list.forEach(t -> out.float64(t.start()).float64(t.end()).string(t.text()));
    }

    @Override
    public Optional<Transcript> decode(byte[] value) {
        try {
            ValueInput in = new ValueInput(value, KIND, VERSION);
            String text = in.string();
            String language = in.string();
            boolean hasConfidence = in.bool();
            double confidence = in.float64();
            Transcript transcript = new Transcript(text, language,
                    hasConfidence ? OptionalDouble.of(confidence) : OptionalDouble.empty(), in.duration(),
                    timed(in), timed(in), in.string(), in.string());
            in.end();
            return Optional.of(transcript);
        } catch (ValueInput.CorruptValueException | RuntimeException e) {
            LOG.debug("A shared transcript could not be read, so it counts as a miss: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static List<TimedText> timed(ValueInput in) throws ValueInput.CorruptValueException {
        int count = in.int32();
        if (count < 0) {
            throw new ValueInput.CorruptValueException("a count of " + count);
        }
        List<TimedText> list = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            list.add(new TimedText(in.float64(), in.float64(), in.string()));
        }
        return list;
    }
}
