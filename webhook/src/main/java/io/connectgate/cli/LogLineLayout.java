package io.connectgate.cli;

import ch.qos.logback.classic.pattern.DateConverter;
import ch.qos.logback.classic.pattern.LevelConverter;
import ch.qos.logback.classic.pattern.LineSeparatorConverter;
import ch.qos.logback.classic.pattern.LoggerConverter;
import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.pattern.ThreadConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.pattern.Converter;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.pattern.FormatInfo;
import ch.qos.logback.core.pattern.LiteralConverter;
import java.util.List;

/**
 * One log line, {@value #PATTERN} followed by the stack trace of an exception if any, built from
 * logback's own converters for each part, so every field is formatted exactly as a
 * {@code PatternLayout} with that pattern formats it. Assembling them here skips the
 * {@code PatternLayout} class itself: its pattern parser and its table of about seventy
 * converter factories (one generated lambda class each) cost every start about 80 ms.
 */
final class LogLineLayout extends LayoutBase<ILoggingEvent> {

  /** What the line looks like, in logback's pattern syntax (the equivalence test uses it). */
  static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{1} - %msg%n";

  private final List<Converter<ILoggingEvent>> parts;

  LogLineLayout(Context context) {
    setContext(context);
    this.parts = List.of(
        started(new DateConverter(), context, List.of("yyyy-MM-dd'T'HH:mm:ss.SSSX", "UTC"), null),
        new LiteralConverter<>(" "),
        // %-5level: at least five characters, padded on the right.
        started(new LevelConverter(), context, null, new FormatInfo(5, Integer.MAX_VALUE, false, false)),
        new LiteralConverter<>(" ["),
        started(new ThreadConverter(), context, null, null),
        new LiteralConverter<>("] "),
        started(new LoggerConverter(), context, List.of("1"), null),
        new LiteralConverter<>(" - "),
        started(new MessageConverter(), context, null, null),
        started(new LineSeparatorConverter(), context, null, null),
        // What PatternLayout appends when the pattern names no exception converter (and
        // packaging data is off, logback's default).
        started(new ThrowableProxyConverter(), context, null, null));
  }

  private static DynamicConverter<ILoggingEvent> started(DynamicConverter<ILoggingEvent> converter,
      Context context, List<String> options, FormatInfo format) {
    converter.setContext(context);
    if (options != null) {
      converter.setOptionList(options);
    }
    if (format != null) {
      converter.setFormattingInfo(format);
    }
    converter.start();
    return converter;
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    if (!isStarted()) {
      return CoreConstants.EMPTY_STRING;
    }
    StringBuilder line = new StringBuilder(128);
    for (Converter<ILoggingEvent> part : parts) {
      part.write(line, event);
    }
    return line.toString();
  }
}
