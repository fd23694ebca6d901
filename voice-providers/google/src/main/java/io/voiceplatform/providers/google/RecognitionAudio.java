package io.voiceplatform.providers.google;

import io.voiceplatform.providers.support.PcmAudio;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.VoiceException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What Speech-to-Text's {@code RecognitionConfig} must say about a clip
 * (https://cloud.google.com/speech-to-text/docs/reference/rest/v1/RecognitionConfig#AudioEncoding): its
 * encoding, sample rate and channel count, read from the container where there is one so that they match
 * it (Google refuses a config that contradicts a WAV or FLAC header, and a stereo file whose channel count
 * is not given), and its length, for the one-minute limit of synchronous recognition.
 *
 * <p>Taken: WAV (16-bit PCM as LINEAR16, or mu-law), raw PCM (LINEAR16), FLAC, and Ogg Opus. Not taken, so
 * the orchestrator sends them to another provider: MP3, which the v1 reference calls a beta feature of
 * v1p1beta1 only and which would need the exact sample rate of the file; WebM, M4A and AAC, which v1 has no
 * encoding for or whose rate cannot be read without parsing the container.
 */
record RecognitionAudio(String encoding, int sampleRateHertz, int channels, Duration duration) {
    static final Set<AudioFormat> FORMATS = Set.of(AudioFormat.WAV, AudioFormat.PCM, AudioFormat.FLAC, AudioFormat.OGG_OPUS);
    /** The rates Google takes for Opus; Opus itself decodes at 48 kHz whatever the input was. */
    private static final List<Integer> OPUS_RATES = List.of(8_000, 12_000, 16_000, 24_000, 48_000);

    /** The config of a clip; an {@code UNSUPPORTED} failure for a format or a file Google cannot take. */
    static RecognitionAudio of(Audio audio) {
        return switch (audio.format()) {
            case PCM -> new RecognitionAudio("LINEAR16", audio.sampleRate().orElseThrow(), audio.channels().orElseThrow(),
                    PcmAudio.duration(audio));
            case WAV -> wav(audio);
            case FLAC -> FlacStreamInfo.read(audio.asByteBuffer())
                    .map(info -> new RecognitionAudio("FLAC", info.sampleRate(), info.channels(), info.duration()))
                    .orElseThrow(() -> unsupported("the FLAC file has no STREAMINFO header"));
            case OGG_OPUS -> OggOpusHeader.read(audio.asByteBuffer())
                    .map(head -> new RecognitionAudio("OGG_OPUS",
                            OPUS_RATES.contains(head.inputSampleRate()) ? head.inputSampleRate() : 48_000,
                            head.channels(), head.duration()))
                    .orElseThrow(() -> unsupported("Google takes Ogg files of Opus only, and this one has no OpusHead"));
            default -> throw unsupported("Google's synchronous recognition does not take " + audio.format().id() + " audio");
        };
    }

    private static RecognitionAudio wav(Audio audio) {
        Optional<WavHeader> header = WavHeader.read(audio.asByteBuffer());
        if (header.isEmpty()) {
            throw unsupported("the WAV file has no readable fmt and data chunks");
        }
        WavHeader h = header.get();
        String encoding = h.format() == WavHeader.PCM && h.bitsPerSample() == 16 ? "LINEAR16"
                : h.format() == WavHeader.MULAW && h.bitsPerSample() == 8 ? "MULAW" : null;
        if (encoding == null) {
            throw unsupported("Google takes WAV of 16-bit PCM or 8-bit mu-law only, not format " + h.format()
                    + " with " + h.bitsPerSample() + "-bit samples");
        }
        return new RecognitionAudio(encoding, h.sampleRate(), h.channels(), h.duration());
    }

    private static VoiceException unsupported(String message) {
        return VoiceException.unsupported(GooglePlugin.ID, message);
    }
}
