package cd.chatrix.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The canonical JSON examples from the Matrix spec appendix, plus the signing rules. */
class CanonicalJsonTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{}|{}",
        "{\"one\": 1, \"two\": \"Two\"}|{\"one\":1,\"two\":\"Two\"}",
        "{\"b\": \"2\", \"a\": \"1\"}|{\"a\":\"1\",\"b\":\"2\"}",
        "{\"a\": \"日本語\"}|{\"a\":\"日本語\"}",
        "{\"本\": 2, \"日\": 1}|{\"日\":1,\"本\":2}",
        "{\"a\": \"\\u65E5\"}|{\"a\":\"日\"}",
        "{\"a\": null}|{\"a\":null}",
        "{\"a\": -0, \"b\": 1e10}|{\"a\":0,\"b\":10000000000}",
        "{\"auth\": {\"success\": true, \"mxid\": \"@john.doe:example.com\", \"profile\": {\"display_name\": \"John Doe\", \"three_pids\": [{\"medium\": \"email\", \"address\": \"john.doe@example.org\"}, {\"medium\": \"msisdn\", \"address\": \"123456789\"}]}}}|{\"auth\":{\"mxid\":\"@john.doe:example.com\",\"profile\":{\"display_name\":\"John Doe\",\"three_pids\":[{\"address\":\"john.doe@example.org\",\"medium\":\"email\"},{\"address\":\"123456789\",\"medium\":\"msisdn\"}]},\"success\":true}}"
      })
  void matchesTheSpecExamples(String input, String expected) {
    assertThat(CanonicalJson.encode(CanonicalJson.parse(input))).isEqualTo(expected);
  }

  @Test
  void keysAboveTheBasicPlaneSortByCodePoint() {
    // U+1F600 sorts after U+FF5E by code point, although its UTF-16 surrogate sorts before.
    String json = "{\"\uD83D\uDE00\":1,\"\uFF5E\":2}";
    assertThat(CanonicalJson.encode(CanonicalJson.parse(json)))
        .isEqualTo("{\"\uFF5E\":2,\"\uD83D\uDE00\":1}");
  }

  @Test
  void signableDropsSignaturesAndUnsignedButKeepsTheRest() {
    var node =
        CanonicalJson.parse(
            "{\"b\":1,\"signatures\":{\"@u:x\":{\"ed25519:D\":\"s\"}},\"unsigned\":{\"age\":3},\"a\":2}");
    assertThat(CanonicalJson.signable(node)).isEqualTo("{\"a\":2,\"b\":1}");
    assertThat(node.has("signatures")).isTrue();
  }
}
