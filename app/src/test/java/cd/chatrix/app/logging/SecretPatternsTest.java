package cd.chatrix.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretPatternsTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Authorization: Bearer abcdef123456 sent | Authorization: Bearer [REDACTED] sent",
        "headers {authorization=[Bearer abc.def-ghi_123]} | headers {authorization=[Bearer [REDACTED]]}",
        "'\"Authorization\":\"Basic dXNlcjpwYXNz\"' | '\"Authorization\":\"Basic [REDACTED]\"'",
        "Proxy-Authorization: Negotiate YIIabc | Proxy-Authorization: Negotiate [REDACTED]",
        "Authorization: rawtokenvalue | Authorization: [REDACTED]",
        "calling with bearer ZXhhbXBsZXRva2Vu== now | calling with bearer [REDACTED] now",
        "GET /sync?access_token=abc123&since=s1 | GET /sync?access_token=[REDACTED]&since=s1",
        "'{\"access_token\":\"abc\\\"123\",\"device_id\":\"DEV\"}' | '{\"access_token\":\"[REDACTED]\",\"device_id\":\"DEV\"}'",
        "'{\"refresh_token\": \"rt-1\", \"expires_in_ms\": 300}' | '{\"refresh_token\": \"[REDACTED]\", \"expires_in_ms\": 300}'",
        "Credentials[user=alice, password=hunter2] | Credentials[user=alice, password=[REDACTED]]",
        "api_token: 0123456789abcdef | api_token: [REDACTED]",
        "accessToken=xyz987 | accessToken=[REDACTED]",
        "oidc_client_secret=s3cr3t | oidc_client_secret=[REDACTED]",
        "pickle_key = pk-value | pickle_key = [REDACTED]",
        "X-Api-Key: k-123 | X-Api-Key: [REDACTED]",
        "'{''password'': ''p w''}' | '{''password'': ''[REDACTED]''}'",
        "SSO callback ?loginToken=LT123456 | SSO callback ?loginToken=[REDACTED]",
        "token syt_YWxpY2U_FrbdLkHGsBpmhGqWAdrJ_1Tyt7n leaked | token [REDACTED] leaked",
        "refresh syr_Ym9i_abcdefghijklmn_2x7Q0b here | refresh [REDACTED] here",
        "MAS mat_8kPzmlpRqS5q0BZSMSeb8A2y3mq0Uz_3vlgQM | MAS [REDACTED]",
        "id eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl end | id [REDACTED] end",
        "connect https://bot:pa55word@semaphore.example:3000/api | connect https://bot:[REDACTED]@semaphore.example:3000/api",
        // A value followed by prose is still a value.
        "http.webhook_secret: hunter2 is set | http.webhook_secret: [REDACTED] is set",
        "password: isnot | password: [REDACTED]",
      })
  void credentialShapesAreRedacted(String input, String expected) {
    assertThat(SecretPatterns.redact(input)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "The bearer of bad news arrived",
        "Loaded 12 tokens from the cache",
        "token_type=Bearer expires_in=300",
        "password_file=/run/secrets/matrix",
        "Password incorrect for @alice:example.org, try again",
        "Sent 3 messages in 2 rooms; 0 errors.",
        // A key name followed by a sentence about it: the words are not its value.
        "Configuration: http.webhook_secret: is not set, so /hooks/semaphore refuses every request",
        "matrix.password: is required because auth_type is password",
        "semaphore.api_token: must be set — or use semaphore.api_token_file",
        "matrix.oidc_client_secret: the file /run/x does not exist",
      })
  void ordinaryTextSurvives(String text) {
    assertThat(SecretPatterns.redact(text)).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Authorization: Bearer abcdef123456",
        "access_token=abc&x=1",
        "{\"password\":\"p\"}",
        "https://u:p@h/x",
        "authorization=[Bearer abcdefghij]",
      })
  void redactingTwiceChangesNothing(String text) {
    String once = SecretPatterns.redact(text);
    assertThat(SecretPatterns.redact(once)).isEqualTo(once);
  }

  @org.junit.jupiter.api.Test
  void privateKeyBlocksAreRedacted() {
    String pem =
        "key: -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY----- done";
    assertThat(SecretPatterns.redact(pem)).isEqualTo("key: [REDACTED] done");
  }
}
