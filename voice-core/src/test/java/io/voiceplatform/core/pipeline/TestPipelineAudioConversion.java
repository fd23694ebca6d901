package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.PcmFormat;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.core.audio.AudioFormatDetector;
import io.voiceplatform.core.testing.TestingAudioFiles;
import io.voiceplatform.core.testing.TestingPipeline;
import io.voiceplatform.core.testing.TestingProvider;
import io.voiceplatform.core.testing.TestingSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The platform converts for providers: uploads into the PCM they declare, speech into the format asked for. */
@Timeout(60)
class TestPipelineAudioConversion {
    private static final PcmFormat SIXTEEN_K = PcmFormat.mono(16_000);
    private final List<TestingPipeline> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(TestingPipeline::close);
    }

    private RequestPipeline pipeline(TestingProvider... providers) {
        List<String> ids = Arrays.stream(providers).map(TestingProvider::id).toList();
        TestingPipeline testing = new TestingPipeline(TestingSettings.settings(ids, ids), List.of(), providers);
        started.add(testing);
        return testing.pipeline();
    }

    private static TestingProvider pcmOnly(String id, Duration maxAudio, double realTimeFactor) {
        return new TestingProvider(id, ProviderCapabilities.builder().inputFormats(AudioFormat.PCM).pcmInput(SIXTEEN_K)
                .outputFormats(AudioFormat.WAV).languages("en-US").maxAudioBytes(10_000_000).maxTextChars(100)
                .maxAudioDuration(maxAudio).realTimeFactor(realTimeFactor).build());
    }

    private static Audio sample(String name, AudioFormat format) {
        return Audio.of(TestingAudioFiles.bytes(TestingAudioFiles.helloWorld(name)), format);
    }

    private static <T> T served(RequestPipeline pipeline, java.util.function.Function<RequestContext, java.util.concurrent.CompletableFuture<T>> call) {
        try (RequestContext context = pipeline.context("test", "tester")) {
            return call.apply(context).join();
        }
    }

    @Test
    void aProviderTakingPcmGetsEveryFormatDecodedAtItsRateAndOneTakingTheFormatGetsTheOriginal() {
        TestingProvider pcm = pcmOnly("pcm", Duration.ZERO, 0);
        TestingProvider mp3 = new TestingProvider("mp3");
        RequestPipeline pipeline = pipeline(pcm, mp3);
        for (String name : List.of("ogg-48k-opus.ogg", "wav-44k-s16-stereo.wav", "m4a-48k-aac.m4a", "webm-48k-opus.webm")) {
            Audio upload = Audio.of(TestingAudioFiles.bytes(TestingAudioFiles.helloWorld(name)),
                    AudioFormatDetector.detect(Arrays.copyOf(TestingAudioFiles.bytes(TestingAudioFiles.helloWorld(name)), 64)).orElseThrow());
            Transcript transcript = served(pipeline, context -> pipeline.transcribe(TranscriptionRequest.of(upload), Routing.auto(), context));
            assertEquals("pcm", transcript.provider());
            Audio given = ((TranscriptionRequest) pcm.requests().get(pcm.requests().size() - 1)).audio();
            assertEquals(AudioFormat.PCM, given.format(), name);
            assertEquals(Optional.of(16_000).orElseThrow(), given.sampleRate().orElseThrow(), name);
            assertEquals(1, given.channels().orElseThrow(), name);
            assertEquals(1028 * 32, given.size(), 120 * 32, name + ": the length of the speech at 16 kHz");
        }
        Audio mp3Upload = sample("mp3-44k-stereo.mp3", AudioFormat.MP3);
        Transcript original = served(pipeline, context -> pipeline.transcribe(TranscriptionRequest.of(mp3Upload), Routing.pin("mp3"), context));
        assertEquals("mp3", original.provider());
        assertArrayEquals(mp3Upload.toByteArray(), ((TranscriptionRequest) mp3.requests().get(0)).audio().toByteArray());
    }

    @Test
    void aRecordingLongerThanAProviderTakesIsRefusedUpFrontNamingTheLimit() {
        TestingProvider pcm = pcmOnly("pcm", Duration.ofMillis(500), 0);
        RequestPipeline pipeline = pipeline(pcm);
        Audio upload = sample("flac-16k-s16.flac", AudioFormat.FLAC);
        CompletionException e = assertThrows(CompletionException.class,
                () -> served(pipeline, context -> pipeline.transcribe(TranscriptionRequest.of(upload), Routing.auto(), context)));
        VoiceException refused = assertInstanceOf(VoiceException.class, e.getCause());
        assertEquals(ErrorKind.UNSUPPORTED, refused.kind());
        assertEquals(Optional.of("file"), refused.param());
        assertTrue(refused.getMessage().contains("at most 0 s of audio; this recording is 1.0 s"), refused.getMessage());
        assertEquals(0, pcm.calls());
    }

    @Test
    void aProviderWithARealTimeFactorGetsTheTimeTheRecordingNeeds() {
        TestingProvider slow = pcmOnly("slow", Duration.ZERO, 10);
        RequestPipeline pipeline = pipeline(slow);
        Audio upload = sample("wav-16k-s16-mono.wav", AudioFormat.WAV);
        try (RequestContext context = pipeline.context("test", "tester")) {
            pipeline.transcribe(TranscriptionRequest.of(upload), Routing.auto(), context).join();
            assertEquals(10_280, context.extension().toMillis(), 20);
        }
    }

    @Test
    void speechIsConvertedIntoEveryFormatItsProviderDoesNotMakeAndPcmIsOpenAisTwentyFourKiloHertz() {
        TestingProvider wavOnly = new TestingProvider("wav");
        RequestPipeline pipeline = pipeline(wavOnly);
        for (AudioFormat format : List.of(AudioFormat.MP3, AudioFormat.OGG_OPUS, AudioFormat.AAC, AudioFormat.FLAC)) {
            SynthesizedSpeech speech = served(pipeline, context -> pipeline.synthesize(SpeechRequest.of("hi", format), Routing.auto(), context));
            assertEquals(format, speech.audio().format());
            assertEquals(Optional.of(format), AudioFormatDetector.detect(Arrays.copyOf(speech.audio().toByteArray(), 64)), format.id());
        }
        SynthesizedSpeech pcm = served(pipeline, context -> pipeline.synthesize(SpeechRequest.of("hi", AudioFormat.PCM), Routing.auto(), context));
        assertEquals(AudioFormat.PCM, pcm.audio().format());
        assertEquals(24_000, pcm.audio().sampleRate().orElseThrow());
        // TestingProvider speaks 0.1 s at 16 kHz: 0.1 s at 24 kHz is 4800 bytes.
        assertEquals(4800, pcm.audio().size(), 96);
        assertTrue(wavOnly.requests().stream().allMatch(r -> ((SpeechRequest) r).outputFormat() == AudioFormat.WAV));
    }
}
