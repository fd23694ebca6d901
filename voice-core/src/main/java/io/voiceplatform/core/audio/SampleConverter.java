package io.voiceplatform.core.audio;

import io.voiceplatform.api.PcmFormat;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.ShortPointer;

import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

/**
 * FFmpeg's libswresample from any sample format, rate and channel layout to interleaved 16-bit samples at the
 * target rate and channel count (a downmix to mono averages the channels). Made for one input layout; the
 * samples it produces are appended to a {@link SampleBuffer}.
 */
final class SampleConverter implements AutoCloseable {
    private final PcmFormat target;
    private final SampleBuffer out;
    private final SwrContext swr;
    private final int inputFormat;
    private final int inputRate;
    private final int inputChannels;
    private ShortPointer buffer = new ShortPointer(0L);
    private int bufferFrames;

    /** @param sampleFormat an FFmpeg {@code AVSampleFormat} */
    SampleConverter(AVChannelLayout inputLayout, int sampleFormat, int sampleRate, PcmFormat target, SampleBuffer out) {
        this.target = target;
        this.out = out;
        this.inputFormat = sampleFormat;
        this.inputRate = sampleRate;
        this.inputChannels = inputLayout.nb_channels();
        try (AVChannelLayout outputLayout = new AVChannelLayout(); AVChannelLayout known = new AVChannelLayout();
             PointerPointer<SwrContext> context = new PointerPointer<>(1L)) {
            av_channel_layout_default(outputLayout, target.channels());
            // A layout without channel positions (a plain WAV) gets the usual one for its count, so downmixing works.
            AVChannelLayout input = inputLayout;
            if (inputLayout.order() == AV_CHANNEL_ORDER_UNSPEC) {
                av_channel_layout_default(known, inputChannels);
                input = known;
            }
            context.put(0L, (Pointer) null);
            Ffmpeg.check(swr_alloc_set_opts2(context, outputLayout, AV_SAMPLE_FMT_S16, target.sampleRate(),
                    input, sampleFormat, sampleRate, 0, null), "setting up the resampler");
            this.swr = new SwrContext(context.get(0L));
            av_channel_layout_uninit(outputLayout);
            av_channel_layout_uninit(known);
        }
        try {
            Ffmpeg.check(swr_init(swr), "starting the resampler (" + inputChannels + " channels at " + sampleRate + " Hz)");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Whether a frame has the layout, format and rate this converter was made for. */
    boolean accepts(AVFrame frame) {
        return frame.format() == inputFormat && frame.sample_rate() == inputRate && frame.ch_layout().nb_channels() == inputChannels;
    }

    void convert(AVFrame frame) {
        run(frame.extended_data(), frame.nb_samples());
    }

    /** Interleaved 16-bit input ({@code AV_SAMPLE_FMT_S16}), {@code frames} of it. */
    void convert(ShortPointer interleaved, int frames) {
        try (PointerPointer<ShortPointer> input = new PointerPointer<>(1L)) {
            input.put(0L, interleaved);
            run(input, frames);
        }
    }

    /** Drains what the resampler still holds at the end of the input. */
    void flush() {
        run(null, 0);
    }

    private void run(PointerPointer<?> input, int inputFrames) {
        int room = swr_get_out_samples(swr, inputFrames);
        if (room <= 0) {
            return;
        }
        if (room > bufferFrames) {
            buffer.close();
            buffer = new ShortPointer((long) room * target.channels());
            bufferFrames = room;
        }
        try (PointerPointer<ShortPointer> output = new PointerPointer<>(1L)) {
            output.put(0L, buffer);
            int frames = Ffmpeg.check(swr_convert(swr, output, room, input, inputFrames), "resampling");
            out.append(buffer, frames * target.channels());
        }
    }

    @Override
    public void close() {
        swr_free(swr);
        buffer.close();
    }
}
