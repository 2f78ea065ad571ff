package cd.chatrix.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;

/** A log event as one redacted line of UTF-8 text (stack trace lines included), no header. */
abstract sealed class LineEncoder extends EncoderBase<ILoggingEvent>
    permits JsonLineEncoder, TextLineEncoder {

  /** The event's whole text, ending in a line break, with everything secret redacted. */
  abstract String line(ILoggingEvent event);

  @Override
  public final byte[] headerBytes() {
    return null;
  }

  @Override
  public final byte[] footerBytes() {
    return null;
  }

  @Override
  public final byte[] encode(ILoggingEvent event) {
    return line(event).getBytes(StandardCharsets.UTF_8);
  }
}
