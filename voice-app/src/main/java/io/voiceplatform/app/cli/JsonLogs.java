package io.voiceplatform.app.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/** Switches the console log to one JSON object per line ({@code voice.logging.json = true}). */
final class JsonLogs {
    private static final int QUEUE = 8192;

    private JsonLogs() {
    }

    static void enable() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        // One readable message per event, without logback's internals.
        encoder.setWithFormattedMessage(true);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithContext(false);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("json");
        console.setTarget("System.err");    // as in logback.xml: stdout is for results
        console.setEncoder(encoder);
        console.start();
        // Off the logging thread, as in logback.xml: nothing dropped, the caller waits only when the queue is full.
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("json-async");
        async.setQueueSize(QUEUE);
        async.setDiscardingThreshold(0);
        async.addAppender(console);
        async.start();
        root.detachAndStopAllAppenders();
        root.addAppender(async);
    }
}
