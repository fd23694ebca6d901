package io.voiceplatform.core.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Every log event from the moment it is attached, whatever logger wrote it. */
public final class CapturedLogs implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public CapturedLogs() {
        appender.start();
        root.addAppender(appender);
    }

    /** The messages logged at exactly {@code level}, formatted. */
    public List<String> at(Level level) {
        synchronized (appender) {
            return appender.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    public List<String> errors() {
        return at(Level.ERROR);
    }

    public List<String> warnings() {
        return at(Level.WARN);
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
