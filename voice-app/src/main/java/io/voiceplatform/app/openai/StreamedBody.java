package io.voiceplatform.app.openai;

import io.javalin.http.Context;
import io.voiceplatform.api.SpeechStream;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Speech sent as it is produced, chunked. The only class that reaches into a request's Jetty internals (its servlet
 * channel): a body that breaks after its headers went out must break on the wire too.
 */
final class StreamedBody {
    private static final Logger log = LoggerFactory.getLogger(StreamedBody.class);

    /**
     * The first audio may arrive on a provider's only engine thread; writing the stream there would block the thread
     * that has to produce the rest. Idle threads end after a minute; how many run at once is bounded by the pipeline's
     * requests in flight.
     */
    private final ExecutorService writers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "voice-speech-stream");
        thread.setDaemon(true);
        return thread;
    });

    /** Copies the audio out on a writer thread; the future completes once the body is sent or broken off. */
    CompletableFuture<Void> send(Context ctx, SpeechStream speech) {
        return CompletableFuture.runAsync(() -> copy(ctx, speech), writers);
    }

    /**
     * Flushes each chunk: the server's output buffer would otherwise hold the first audio back until it filled. A
     * failure after the headers cannot become an error answer any more; the connection is closed instead, so the
     * caller sees a broken body rather than a short one. Closing the audio (also when the caller is the one gone)
     * stops the pieces still being made.
     */
    private static void copy(Context ctx, SpeechStream speech) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream audio = speech.audio()) {
            OutputStream out = ctx.res().getOutputStream();
            for (int n = audio.read(buffer); n >= 0; n = audio.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            log.warn("streamed speech from {} ended early: {}", speech.provider(), e.toString());
            // Ending the chunked body cleanly would pass the truncated audio off as the whole. Jetty's own abort of
            // the servlet channel would recycle the request while Javalin still finishes it (after-handlers, access log).
            ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection().getEndPoint().close(e);
        }
    }
}
