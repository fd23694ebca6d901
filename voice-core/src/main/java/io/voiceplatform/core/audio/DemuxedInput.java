package io.voiceplatform.core.audio;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.PointerPointer;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

/**
 * An encoded file in memory, opened by FFmpeg's demuxer, with its best audio stream chosen (an mp4 or webm may
 * carry video too). Only the containers of the OpenAI audio API are opened, and only their audio decoders run:
 * a file that claims to be something else is refused instead of reaching one of FFmpeg's many other parsers.
 */
final class DemuxedInput implements AutoCloseable {
    /** Demuxer names: "matroska" is the one for WebM, "mov" the one for mp4/m4a. */
    static final String CONTAINERS = "wav,mp3,ogg,flac,matroska,mov,aac";
    /** Decoders of the codecs those containers carry for speech. */
    static final String DECODERS = "pcm_u8,pcm_s16le,pcm_s24le,pcm_s32le,pcm_f32le,pcm_f64le,pcm_s16be,pcm_alaw,pcm_mulaw,"
            + "adpcm_ima_wav,adpcm_ms,mp3float,mp3,mp2float,mp2,aac,aac_fixed,opus,vorbis,flac,alac";

    private final MemoryInput input;
    private final AVFormatContext format;
    private final int streamIndex;
    private boolean opened;

    DemuxedInput(byte[] data, BooleanSupplier cancelled) {
        Ffmpeg.load();
        this.input = new MemoryInput(data, cancelled);
        this.format = avformat_alloc_context();
        format.pb(input.context());
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "format_whitelist", CONTAINERS, 0);
        av_dict_set(options, "codec_whitelist", DECODERS, 0);
        try {
            int result = avformat_open_input(format, (String) null, null, options);
            if (result < 0) {
                // FFmpeg freed the context on failure.
                input.close();
                Ffmpeg.check(result, "reading the container");
            }
            opened = true;
            Ffmpeg.check(avformat_find_stream_info(format, (PointerPointer<?>) null), "reading the stream information");
            this.streamIndex = Ffmpeg.check(av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (PointerPointer<?>) null, 0),
                    "finding an audio stream");
        } catch (RuntimeException e) {
            if (opened) {
                close();
            }
            throw e;
        } finally {
            av_dict_free(options);
        }
    }

    AVStream stream() {
        return format.streams(streamIndex);
    }

    /** The demuxer's name, such as "ogg" or "mov,mp4,m4a,3gp,3g2,mj2". */
    String containerName() {
        return format.iformat().name().getString();
    }

    /**
     * Reads the next packet of the audio stream into {@code packet}, skipping other streams.
     *
     * @return false at the end of the file
     */
    boolean nextPacket(AVPacket packet) {
        while (true) {
            int result = av_read_frame(format, packet);
            if (result < 0) {
                if (result == AVERROR_EXIT) {
                    throw new CancellationException("decoding was abandoned");
                }
                // The end of the file, or a damaged tail: the audio ends where the damage starts, as players do.
                return false;
            }
            if (packet.stream_index() == streamIndex) {
                return true;
            }
            av_packet_unref(packet);
        }
    }

    @Override
    public void close() {
        avformat_close_input(format);
        input.close();
    }
}
