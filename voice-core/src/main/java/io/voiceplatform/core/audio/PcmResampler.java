package io.voiceplatform.core.audio;

import io.voiceplatform.api.PcmFormat;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.javacpp.ShortPointer;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;

/** Decoded audio at another rate or channel count, by FFmpeg's libswresample. */
public final class PcmResampler {
    public Pcm resample(Pcm pcm, PcmFormat target) {
        if (pcm.format().equals(target)) {
            return pcm;
        }
        Ffmpeg.load();
        SampleBuffer out = new SampleBuffer(AudioDecoder.MAX_SAMPLES);
        try (AVChannelLayout layout = new AVChannelLayout(); ShortPointer in = new ShortPointer(pcm.samples())) {
            av_channel_layout_default(layout, pcm.format().channels());
            try (SampleConverter converter = new SampleConverter(layout, AV_SAMPLE_FMT_S16, pcm.format().sampleRate(), target, out)) {
                converter.convert(in, pcm.frames());
                converter.flush();
            } finally {
                av_channel_layout_uninit(layout);
            }
        }
        return new Pcm(out.toArray(), target);
    }
}
