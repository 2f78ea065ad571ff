package cd.chatrix.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The bot's {@code /metrics} page in the Prometheus text format, as a list of samples. */
record MetricsText(List<MetricsText.Sample> samples) {

  /** One sample line: {@code name{labels} value [timestamp]}. */
  record Sample(String name, String labels, double value) {}

  static MetricsText fetch(HttpClient http, URI metrics) {
    HttpRequest request =
        HttpRequest.newBuilder(metrics)
            .timeout(Duration.ofSeconds(10))
            .header("Accept", "text/plain; version=0.0.4")
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            metrics + " answered " + response.statusCode() + ": " + response.body());
      }
      return parse(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("could not read " + metrics, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + metrics, e);
    }
  }

  static MetricsText parse(String exposition) {
    return new MetricsText(
        exposition.lines().map(MetricsText::sample).flatMap(Optional::stream).toList());
  }

  /** The sum of every series of {@code name} (0 when there is none). */
  double total(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).sum();
  }

  boolean has(String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }

  private static Optional<Sample> sample(String line) {
    String l = line.strip();
    if (l.isEmpty() || l.startsWith("#")) {
      return Optional.empty();
    }
    int brace = l.indexOf('{');
    int space = l.indexOf(' ');
    String name;
    String labels = "";
    String rest;
    if (brace >= 0 && (space < 0 || brace < space)) {
      int close = l.lastIndexOf('}');
      if (close < brace) {
        return Optional.empty();
      }
      name = l.substring(0, brace);
      labels = l.substring(brace + 1, close);
      rest = l.substring(close + 1).strip();
    } else if (space > 0) {
      name = l.substring(0, space);
      rest = l.substring(space + 1).strip();
    } else {
      return Optional.empty();
    }
    try {
      return Optional.of(new Sample(name, labels, value(rest.split("\\s+")[0])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static double value(String number) {
    return switch (number) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(number);
    };
  }
}
