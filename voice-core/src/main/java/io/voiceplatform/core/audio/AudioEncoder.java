package io.voiceplatform.core.audio;

import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.PcmFormat;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.ShortPointer;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16P;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

/**
 * Encodes PCM into the speech formats of the OpenAI API that are not PCM themselves: mp3 (LAME), opus in Ogg
 * (libopus), aac in ADTS frames (FFmpeg's encoder) and flac. Speech bitrates: 64 kb/s mp3 and aac, 32 kb/s opus.
 */
public final class AudioEncoder {
    /** How each format is made: FFmpeg's muxer and encoder, the sample format it takes, its rates, its bitrate. */
    private record Recipe(String muxer, String encoder, int sampleFormat, int[] rates, long bitRate) {
        int rateFor(int source) {
            if (rates.length == 0) {
                return source;
            }
            return Arrays.stream(rates).filter(rate -> rate >= source).findFirst().orElse(rates[rates.length - 1]);
        }
    }

    private static final int[] MP3_RATES = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000};
    private static final Map<AudioFormat, Recipe> RECIPES = Map.of(
            AudioFormat.MP3, new Recipe("mp3", "libmp3lame", AV_SAMPLE_FMT_S16P, MP3_RATES, 64_000),
            AudioFormat.OGG_OPUS, new Recipe("ogg", "libopus", AV_SAMPLE_FMT_S16, new int[]{8000, 12000, 16000, 24000, 48000}, 32_000),
            AudioFormat.AAC, new Recipe("adts", "aac", AV_SAMPLE_FMT_FLTP, new int[]{8000, 11025, 12000, 16000, 22050, 24000, 32000,
                    44100, 48000, 64000, 88200, 96000}, 64_000),
            AudioFormat.FLAC, new Recipe("flac", "flac", AV_SAMPLE_FMT_S16, new int[0], 0));
    /** The encoder of a format that has no fixed frame size (FLAC) gets frames of this many samples. */
    private static final int FREE_FRAME_SIZE = 4608;

    private final PcmResampler resampler = new PcmResampler();

    /** The formats {@link #encode} makes. */
    public static Set<AudioFormat> formats() {
        return RECIPES.keySet();
    }

    public byte[] encode(Pcm pcm, AudioFormat format) {
        Recipe recipe = RECIPES.get(format);
        if (recipe == null) {
            throw new IllegalArgumentException("no encoder for " + format.id());
        }
        Ffmpeg.load();
        int channels = Math.min(2, pcm.format().channels());
        Pcm input = resampler.resample(pcm, new PcmFormat(recipe.rateFor(pcm.format().sampleRate()), channels));
        try (Muxing muxing = new Muxing(recipe, input.format())) {
            return muxing.run(input);
        }
    }

    /** One encode: the output container, its one audio stream, the encoder and the frames fed to it. */
    private static final class Muxing implements AutoCloseable {
        private final MemoryOutput output = new MemoryOutput();
        private final AVFrame frame = av_frame_alloc();
        private final AVPacket packet = av_packet_alloc();
        private final int channels;
        private AVFormatContext container;
        private AVCodecContext codec;
        private AVStream stream;
        private SwrContext toCodecFormat;
        private int frameSize;

        Muxing(Recipe recipe, PcmFormat format) {
            this.channels = format.channels();
            try {
                open(recipe, format);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        private void open(Recipe recipe, PcmFormat format) {
            AVFormatContext made = new AVFormatContext(null);
            Ffmpeg.check(avformat_alloc_output_context2(made, null, recipe.muxer(), (String) null), "setting up the " + recipe.muxer() + " muxer");
            this.container = made;
            container.pb(output.context());
            AVCodec encoder = avcodec_find_encoder_by_name(recipe.encoder());
            if (encoder == null || encoder.isNull()) {
                throw new FfmpegException(-1, "no " + recipe.encoder() + " encoder in this FFmpeg build");
            }
            this.codec = avcodec_alloc_context3(encoder);
            this.stream = avformat_new_stream(container, null);
            codec.sample_fmt(recipe.sampleFormat());
            codec.sample_rate(format.sampleRate());
            av_channel_layout_default(codec.ch_layout(), channels);
            if (recipe.bitRate() > 0) {
                codec.bit_rate(recipe.bitRate());
            }
            codec.time_base(new AVRational().num(1).den(format.sampleRate()));
            if ((container.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
                codec.flags(codec.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            }
            Ffmpeg.check(avcodec_open2(codec, encoder, (AVDictionary) null), "opening the " + recipe.encoder() + " encoder");
            Ffmpeg.check(avcodec_parameters_from_context(stream.codecpar(), codec), "describing the stream");
            stream.time_base(codec.time_base());
            this.frameSize = codec.frame_size() > 0 ? codec.frame_size() : FREE_FRAME_SIZE;
            frame.nb_samples(frameSize);
            frame.format(recipe.sampleFormat());
            frame.sample_rate(format.sampleRate());
            av_channel_layout_copy(frame.ch_layout(), codec.ch_layout());
            Ffmpeg.check(av_frame_get_buffer(frame, 0), "allocating a frame");
            try (PointerPointer<SwrContext> context = new PointerPointer<>(1L)) {
                context.put(0L, (Pointer) null);
                // Same rate in and out: only the sample format changes, so every frame converts whole, without delay.
                Ffmpeg.check(swr_alloc_set_opts2(context, codec.ch_layout(), recipe.sampleFormat(), format.sampleRate(),
                        codec.ch_layout(), AV_SAMPLE_FMT_S16, format.sampleRate(), 0, null), "setting up the sample conversion");
                this.toCodecFormat = new SwrContext(context.get(0L));
            }
            Ffmpeg.check(swr_init(toCodecFormat), "starting the sample conversion");
        }

        byte[] run(Pcm pcm) {
            Ffmpeg.check(avformat_write_header(container, (AVDictionary) null), "writing the header");
            short[] samples = pcm.samples();
            int frames = pcm.frames();
            long pts = 0;
            // The last frame is padded with silence: not every encoder takes a short one.
            try (ShortPointer chunk = new ShortPointer((long) frameSize * channels);
                 PointerPointer<ShortPointer> in = new PointerPointer<>(1L)) {
                for (int start = 0; start < frames; start += frameSize) {
                    int count = Math.min(frameSize, frames - start);
                    short[] slice = Arrays.copyOfRange(samples, start * channels, (start + frameSize) * channels);
                    chunk.position(0).put(slice, 0, slice.length);
                    in.put(0L, chunk);
                    Ffmpeg.check(av_frame_make_writable(frame), "preparing a frame");
                    Ffmpeg.check(swr_convert(toCodecFormat, frame.data(), frameSize, in, frameSize), "converting samples");
                    frame.pts(pts);
                    pts += count;
                    send(frame);
                }
            }
            send(null);
            Ffmpeg.check(av_write_trailer(container), "finishing the file");
            return output.toByteArray();
        }

        private void send(AVFrame input) {
            Ffmpeg.check(avcodec_send_frame(codec, input), "encoding");
            while (avcodec_receive_packet(codec, packet) >= 0) {
                av_packet_rescale_ts(packet, codec.time_base(), stream.time_base());
                packet.stream_index(stream.index());
                Ffmpeg.check(av_interleaved_write_frame(container, packet), "writing");
            }
        }

        @Override
        public void close() {
            if (toCodecFormat != null) {
                swr_free(toCodecFormat);
            }
            if (codec != null) {
                avcodec_free_context(codec);
            }
            if (container != null) {
                avformat_free_context(container);
            }
            av_frame_free(frame);
            av_packet_free(packet);
            output.close();
        }
    }
}
