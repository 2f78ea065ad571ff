package cd.chatrix.app.boot.console;

import static org.assertj.core.api.Assertions.assertThat;

import cd.chatrix.app.tui.DeviceView;
import cd.chatrix.app.tui.VerificationView;
import cd.chatrix.crypto.store.Device;
import cd.chatrix.crypto.store.LocalTrust;
import cd.chatrix.crypto.verification.SasEmoji;
import cd.chatrix.crypto.verification.VerificationState;
import cd.chatrix.crypto.verification.VerificationStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EncryptionViewsTest {

  @Test
  void trustPrefersTheOperatorsOwnDecisionOverCrossSigning() {
    assertThat(EncryptionViews.device(device(LocalTrust.BLOCKED, true)).trust())
        .isEqualTo(DeviceView.Trust.BLOCKED);
    assertThat(EncryptionViews.device(device(LocalTrust.VERIFIED, false)).trust())
        .isEqualTo(DeviceView.Trust.VERIFIED);
    assertThat(EncryptionViews.device(device(LocalTrust.UNSET, true)).trust())
        .isEqualTo(DeviceView.Trust.CROSS_SIGNED);
    assertThat(EncryptionViews.device(device(LocalTrust.UNSET, false)).trust())
        .isEqualTo(DeviceView.Trust.UNVERIFIED);
  }

  @Test
  void theNewestOpenVerificationIsPendingWithItsEmojiOnlyWhenComparing() {
    List<VerificationStatus> all =
        List.of(
            status("t1", false, VerificationState.SHOW_SAS),
            status("t2", false, VerificationState.DONE));

    VerificationView pending = EncryptionViews.pending(all).orElseThrow();

    assertThat(pending.id()).isEqualTo("t1");
    assertThat(pending.phase()).isEqualTo(VerificationView.Phase.COMPARE);
    assertThat(pending.emoji()).extracting(VerificationView.Emoji::name).containsExactly("Dog");
  }

  @Test
  void finishedVerificationsLeaveNothingPending() {
    assertThat(
            EncryptionViews.pending(
                List.of(
                    status("t1", true, VerificationState.CANCELLED),
                    status("t2", true, VerificationState.DONE))))
        .isEmpty();
  }

  @Test
  void aRequestIsTheOperatorsToAcceptOnlyWhenTheOtherSideSentIt() {
    assertThat(EncryptionViews.view(status("t", false, VerificationState.REQUESTED)).phase())
        .isEqualTo(VerificationView.Phase.REQUESTED);
    assertThat(EncryptionViews.view(status("t", true, VerificationState.REQUESTED)).phase())
        .isEqualTo(VerificationView.Phase.WAITING);
    assertThat(EncryptionViews.view(status("t", true, VerificationState.REQUESTED)).emoji())
        .isEmpty();
  }

  private static Device device(LocalTrust trust, boolean crossSigned) {
    return new Device("@ops:hs", "PHONE", "c", "e", List.of(), "Phone", trust, crossSigned, "{}");
  }

  private static VerificationStatus status(String id, boolean ours, VerificationState state) {
    return new VerificationStatus(
        id,
        "@ops:hs",
        "PHONE",
        ours,
        state,
        List.of(new SasEmoji.Emoji(0, "🐶", "Dog")),
        List.of(),
        Optional.empty(),
        Optional.empty());
  }
}
