package io.voiceplatform.core.audio;

import io.voiceplatform.api.PcmFormat;
import io.voiceplatform.api.VoiceException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

/**
 * Decodes every format of the OpenAI audio API (wav of any common width, rate and channel count, mp3, mp4/m4a,
 * ogg opus and vorbis, flac, webm) with FFmpeg, into 16-bit PCM at the rate and channel count asked for.
 * One thread per decode. A file that cannot be decoded is the caller's fault: a {@link VoiceException} of kind
 * {@code INVALID_REQUEST} on {@code file}, with FFmpeg's reason.
 */
public final class AudioDecoder {
    /** Decoded output is capped at 128 M samples (256 MB): over two hours of 16 kHz mono, or 22 min of 48 kHz stereo. */
    static final long MAX_SAMPLES = 128L << 20;
    static final int MIN_SAMPLE_RATE = 1_000;
    static final int MAX_SAMPLE_RATE = 384_000;

    private final long maxSamples;

    public AudioDecoder() {
        this(MAX_SAMPLES);
    }

    AudioDecoder(long maxSamples) {
        this.maxSamples = maxSamples;
    }

    /**
     * @param target    the rate and channels wanted; empty keeps the recording's own
     * @param cancelled checked between reads; when it turns true the decode stops with a {@link CancellationException}
     */
    public Pcm decode(byte[] encoded, Optional<PcmFormat> target, BooleanSupplier cancelled) {
        try (DemuxedInput input = new DemuxedInput(encoded, cancelled); Decoding decoding = new Decoding(input, target)) {
            return decoding.run(cancelled);
        } catch (FfmpegException e) {
            throw VoiceException.invalid("the file could not be decoded: " + e.getMessage(), "file");
        }
    }

    /**
     * How long the recording plays, from the timing of its packets: the container is read, nothing is decoded, so a
     * header that claims more (or less) than the file holds is not believed.
     */
    public Duration duration(byte[] encoded) {
        try (DemuxedInput input = new DemuxedInput(encoded, () -> false)) {
            AVStream stream = input.stream();
            double unit = stream.time_base().num() / (double) stream.time_base().den();
            long first = Long.MAX_VALUE;
            long end = Long.MIN_VALUE;
            AVPacket packet = av_packet_alloc();
            try {
                while (input.nextPacket(packet)) {
                    if (packet.pts() != AV_NOPTS_VALUE) {
                        first = Math.min(first, packet.pts());
                        end = Math.max(end, packet.pts() + Math.max(0, packet.duration()));
                    }
                    av_packet_unref(packet);
                }
            } finally {
                av_packet_free(packet);
            }
            return end <= first ? Duration.ZERO : Duration.ofNanos(Math.round((end - first) * unit * 1e9));
        } catch (FfmpegException e) {
            throw VoiceException.invalid("the file could not be read: " + e.getMessage(), "file");
        }
    }

    /** One decode: the codec of the chosen stream, the frames it yields, their conversion. */
    private final class Decoding implements AutoCloseable {
        private final DemuxedInput input;
        private final AVCodecContext codec;
        private final Optional<PcmFormat> target;
        private final AVPacket packet = av_packet_alloc();
        private final AVFrame frame = av_frame_alloc();
        private final SampleBuffer samples = new SampleBuffer(maxSamples);
        private SampleConverter converter;
        private PcmFormat format;

        Decoding(DemuxedInput input, Optional<PcmFormat> target) {
            this.input = input;
            this.target = target;
            AVCodec decoder = avcodec_find_decoder(input.stream().codecpar().codec_id());
            if (decoder == null || decoder.isNull() || !List.of(DemuxedInput.DECODERS.split(",")).contains(decoder.name().getString())) {
                close();
                throw new FfmpegException(-1, "no decoder for its audio codec");
            }
            this.codec = avcodec_alloc_context3(decoder);
            try {
                Ffmpeg.check(avcodec_parameters_to_context(codec, input.stream().codecpar()), "reading the codec parameters");
                codec.thread_count(1);
                codec.pkt_timebase(input.stream().time_base());
                Ffmpeg.check(avcodec_open2(codec, decoder, (AVDictionary) null), "opening the " + decoder.name().getString() + " decoder");
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        Pcm run(BooleanSupplier cancelled) {
            boolean more = true;
            while (more) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("decoding was abandoned");
                }
                more = input.nextPacket(packet);
                // A packet the decoder refuses (damaged) is skipped, as players do; the rest of the file still counts.
                avcodec_send_packet(codec, more ? packet : null);
                av_packet_unref(packet);
                receiveFrames();
            }
            if (converter != null) {
                converter.flush();
            }
            short[] decoded = samples.toArray();
            if (format == null || decoded.length == 0) {
                throw VoiceException.invalid("the file holds no audio samples", "file");
            }
            return new Pcm(decoded, format);
        }

        private void receiveFrames() {
            while (true) {
                // Negative: the decoder wants more input, is done, or dropped a damaged frame (skipped, as players do).
                if (avcodec_receive_frame(codec, frame) < 0) {
                    return;
                }
                try {
                    if (converter == null || !converter.accepts(frame)) {
                        startConverter();
                    }
                    converter.convert(frame);
                } finally {
                    av_frame_unref(frame);
                }
            }
        }

        private void startConverter() {
            // Resampling from a rate far outside audio (a forged header says 1 GHz) takes FFmpeg seconds of CPU per
            // byte: such a file is refused before a resampler is made for it.
            if (frame.sample_rate() < MIN_SAMPLE_RATE || frame.sample_rate() > MAX_SAMPLE_RATE) {
                throw VoiceException.invalid("the file declares " + frame.sample_rate() + " samples per second; audio at "
                        + MIN_SAMPLE_RATE + " to " + MAX_SAMPLE_RATE + " Hz is taken", "file");
            }
            if (converter != null) {
                converter.flush();
                converter.close();
            }
            int channels = Math.max(1, Math.min(8, frame.ch_layout().nb_channels()));
            PcmFormat wanted = target.orElse(new PcmFormat(Math.max(8_000, frame.sample_rate()), channels));
            if (format != null && !format.equals(wanted)) {
                throw VoiceException.invalid("the file changes its sample rate or channels midway", "file");
            }
            format = wanted;
            converter = new SampleConverter(frame.ch_layout(), frame.format(), frame.sample_rate(), wanted, samples);
        }

        @Override
        public void close() {
            if (converter != null) {
                converter.close();
            }
            if (codec != null) {
                avcodec_free_context(codec);
            }
            av_frame_free(frame);
            av_packet_free(packet);
        }
    }
}
